using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Alexandria.Server.Tests.Fuzz;

/// <summary>
/// Issue 15's HTTP fuzz goal: a seeded stream of requests over every endpoint and the adversarial classes
/// (<see cref="HttpFuzzRequests"/>) against a real server, one at a time. Asserts no 5xx, no refusal without a
/// problem+json body of the common shape, and bounded cost per request. CI sends 1,000; the soak sets
/// <c>ALEXANDRIA_HTTP_FUZZ_REQUESTS</c> (and <c>ALEXANDRIA_HTTP_FUZZ_SEED</c> to replay another stream), see docs/reliability.md.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    private static readonly int Requests = EnvInt("ALEXANDRIA_HTTP_FUZZ_REQUESTS", 1000);
    private static readonly int Seed = EnvInt("ALEXANDRIA_HTTP_FUZZ_SEED", 15);

    /// <summary>CPU (client and server: they share this process, and requests go one at a time) one request may cost.</summary>
    private static readonly TimeSpan MaxCpuPerRequest = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_seeded_fuzz_of_every_endpoint_gets_no_5xx_and_no_refusal_without_a_problem_body()
    {
        await using var server = await OwnServer.StartAsync(settings => settings.ApiKeys.Add(ServerFixture.ApiKey));
        using var http = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var generator = new HttpFuzzRequests(Seed, ServerFixture.ApiKey);
        var statuses = new SortedDictionary<int, int>();
        var classes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var wall = new List<double>(Requests);
        var cpu = new List<double>(Requests);
        var failures = new List<string>();
        var process = Process.GetCurrentProcess();

        for (var i = 0; i < Requests; i++)
        {
            var request = generator.Next();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var (status, mediaType, body) = await SendAsync(http, server.Port, request);
            clock.Stop();
            process.Refresh();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var @class = request.Class.Split(':')[0];
            classes[@class] = classes.GetValueOrDefault(@class) + 1;
            Learn(generator, request, status, body);
            if (Fault(request, status, mediaType, body) is { } fault && failures.Count < 20)
            {
                failures.Add($"#{i} {request.Class} {request.Method} {Shorten(request.Path)} body={Shorten(request.Body ?? request.Raw ?? "")}: {fault}");
            }
        }

        wall.Sort();
        cpu.Sort();
        output.WriteLine($"seed {Seed}, {Requests} requests; classes: {string.Join(", ", classes.Select(c => $"{c.Key} {c.Value}"))}");
        output.WriteLine($"statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        output.WriteLine($"wall ms p50 {Percentile(wall, 0.50):F1}, p99 {Percentile(wall, 0.99):F1}, max {wall[^1]:F1}; CPU ms p99 {Percentile(cpu, 0.99):F1}, max {cpu[^1]:F1}");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.True(cpu[^1] < MaxCpuPerRequest.TotalMilliseconds, $"a request cost {cpu[^1]:F0} ms of CPU");
    }

    /// <summary>What is wrong with an answer, or null: a 5xx, a status 0 (no answer), or a refusal without the problem shape.</summary>
    private static string? Fault(FuzzRequest request, int status, string? mediaType, string body)
    {
        if (status is 0 or >= 500)
        {
            return $"status {status}: {Shorten(body)}";
        }
        if (status < 400 || request.Method == "HEAD")
        {
            return null;
        }
        if (body.Length == 0)
        {
            return $"status {status} with an empty body";
        }
        if (mediaType != "application/problem+json")
        {
            return $"status {status} as {mediaType ?? "(no media type)"}";
        }
        try
        {
            var problem = JsonNode.Parse(body)!;
            var errors = problem["errors"]?.AsArray();
            return (int?)problem["status"] == status && !string.IsNullOrEmpty((string?)problem["title"]) && errors is { Count: > 0 }
                   && errors.All(e => e?["pointer"]?.GetValueKind() == JsonValueKind.String && !string.IsNullOrEmpty((string?)e["message"]))
                ? null
                : $"status {status}: not the problem shape: {Shorten(body)}";
        }
        catch (JsonException)
        {
            return $"status {status}: a body that is not JSON: {Shorten(body)}";
        }
    }

    /// <summary>Keeps the runs and packets the server accepted, so later requests reach real state.</summary>
    private static void Learn(HttpFuzzRequests generator, FuzzRequest request, int status, string body)
    {
        if (status == 201 && request.Class == "valid:createRun")
        {
            generator.Runs.Add((string)JsonNode.Parse(body)!["run_id"]!);
        }
        else if (status == 202 && request.Class.EndsWith("submitPacket", StringComparison.Ordinal))
        {
            generator.Packets.Add(Guid.Parse((string)JsonNode.Parse(body)!["packet_id"]!));
        }
    }

    private static async Task<(int Status, string? MediaType, string Body)> SendAsync(HttpClient http, int port, FuzzRequest request)
    {
        if (request.Raw is not null)
        {
            var raw = await RawHttp.SendAsync(port, request.Raw);
            var type = raw.Headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase));
            return (raw.Status, type?["Content-Type:".Length..].Split(';')[0].Trim(), raw.Body);
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Path, UriKind.Relative));
        if (request.ApiKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + request.ApiKey);
        }
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            if (request.MediaType is not null && MediaTypeHeaderValue.TryParse(request.MediaType, out var parsed))
            {
                message.Content.Headers.ContentType = parsed;
            }
            else if (request.MediaType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.MediaType);
            }
        }
        using var response = await http.SendAsync(message);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"…({text.Length} chars)";

    private static int EnvInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
