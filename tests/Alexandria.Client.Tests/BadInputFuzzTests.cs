using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Fuzz;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;
using Xunit.Abstractions;

namespace Alexandria.Client.Tests;

/// <summary>
/// 2,400 malformed, wrong-typed, unknown-field, missing-field, oversized and bad-parameter requests against
/// the server on PostgreSQL: none may get a 5xx, every refusal is a problem+json naming a field, and every
/// request the contract refuses is refused naming where it is broken (see <see cref="Judge"/>). Seeded, so a failure reproduces; set ALEXANDRIA_FUZZ_SEED to explore other seeds.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class BadInputFuzzTests(PostgresServer server, ITestOutputHelper output)
{
    private const int RequestCount = 2400;

    [Fact]
    public async Task No_malformed_request_gets_a_5xx_and_every_refusal_names_the_broken_field()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_FUZZ_SEED"), out var chosen) ? chosen : 20261123;
        var runId = Examples.NewRunId("fuzz");
        await server.Client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Take a beating." });
        var requests = new RequestFuzzer(seed).Generate(Templates(runId), runId, RequestCount).ToList();

        var failures = new List<string>();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            using var message = new HttpRequestMessage(request.Method, request.Path);
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }
            using var response = await server.Http.SendAsync(message);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var key = $"{request.Breakage} {status}";
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            if (Judge(request, status, response.Content.Headers.ContentType?.MediaType, body) is { } failure)
            {
                failures.Add($"{request}: {failure}");
            }
        }

        output.WriteLine($"seed {seed}: {requests.Count} requests; breakage and status: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(requests.Count >= 2000);
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} answers broke the rules (seed {seed}):\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>
    /// Null when the answer is right for the request; otherwise what is wrong with it. A damaged body is first
    /// judged by the generated validator: one it rejects must be refused with a 422 that names the damage; one
    /// it still accepts (an optional member removed, an open object extended) may succeed, or be refused for a
    /// reason of the server's own (a run id that changed, a seq that moved, the inline cap), naming that field.
    /// </summary>
    private static string? Judge(FuzzRequest request, int status, string? mediaType, byte[] body)
    {
        if (status >= 500)
        {
            return $"{status}: {Encoding.UTF8.GetString(body)}";
        }
        var contractInvalid = request.Breakage is Breakage.MalformedJson or Breakage.BadParameter || !BodySatisfiesContract(request);
        if (status < 400)
        {
            return contractInvalid ? $"accepted with {status} although the contract refuses it" : null;
        }
        if (mediaType != "application/problem+json")
        {
            return $"{status} with media type '{mediaType}'";
        }
        using var document = JsonDocument.Parse(body);
        var validation = ProblemDetailsValidator.Validate(document.RootElement);
        if (!validation.IsValid)
        {
            return $"{status}: the problem body fails problem_details: {validation.Errors[0].InstancePointer} {validation.Errors[0].Message}";
        }
        var errors = JsonSerializer.Deserialize<ProblemDetails>(body, OutputSchemaJson.Options)!.Errors ?? [];
        if (errors.Count == 0)
        {
            return $"{status}: the problem names no field";
        }
        if (!contractInvalid)
        {
            return null;
        }
        return Names(request, status, errors) ? null : $"{status}: names {string.Join(", ", errors.Select(e => $"'{e.Pointer}' ({e.Keyword})"))}, not '{request.Pointer}'";
    }

    private static bool BodySatisfiesContract(FuzzRequest request)
    {
        Assert.True(OutputSchemaValidators.TryValidate(request.Definition!, request.Body, out var result), $"unknown definition {request.Definition}");
        return result.IsValid;
    }

    private static bool Names(FuzzRequest request, int status, IReadOnlyList<ProblemError> errors) => request.Breakage switch
    {
        // The fuzzer does not know where its damage makes the text stop being JSON; the server names the member or
        // element it was reading there (or the root), and the message gives the line and byte position.
        Breakage.MalformedJson => status is 400 && errors.Any(e => (e.Pointer.Length == 0 || e.Pointer[0] == '/')
            && (e.Message.Contains("LineNumber", StringComparison.Ordinal) || e.Message.Contains("byte offset", StringComparison.Ordinal))),
        Breakage.BadParameter => status is 400 && errors.Any(e => e.Pointer == request.Pointer),
        Breakage.MissingField => status is 422 && errors.Any(e => e.Pointer == request.Pointer && e.Message.Contains(request.Detail!, StringComparison.Ordinal)),
        _ => status is 422 && errors.Any(e => e.Pointer == request.Pointer),
    };

    private static IReadOnlyList<RequestFuzzer.Template> Templates(string runId)
    {
        JsonObject Node<T>(T value) => JsonSerializer.SerializeToNode(value, OutputSchemaJson.Options)!.AsObject();
        var events = new JsonArray(Examples.StepEvents(runId, 1, 4).Select(e => (JsonNode)Node(e)).ToArray());
        var artifact = Examples.Read<ArtifactRecord>("artifact_record.valid.1.json") with { RunId = runId };
        var handoff = (HandoffPacket)Examples.Read<Packet>("handoff_packet.valid.1.json") with { RunId = runId, CreatedAt = DateTimeOffset.UtcNow };
        return
        [
            new("createRun", "runs", "create_run_request", new JsonObject { ["run_id"] = runId + "-x", ["objective"] = "Fuzz." }),
            new("appendEvents", $"runs/{runId}/events", "append_events_request", new JsonObject { ["expected_seq"] = 0, ["events"] = events }),
            new("registerArtifact", $"runs/{runId}/artifacts", "artifact_record", Node(artifact)),
            new("createHandoff", $"runs/{runId}/handoffs", "handoff_packet", Node<Packet>(handoff)),
            new("submitPacket", "packets", "packet", Node(Examples.Read<Packet>("context_request_packet.valid.1.json"))),
            new("compactRun", $"runs/{runId}/compactions", "compact_run_request", new JsonObject { ["trigger"] = "manual", ["expected_seq"] = 0 }),
        ];
    }
}
