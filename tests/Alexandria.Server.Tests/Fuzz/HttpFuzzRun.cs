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
/// Drives one seeded request stream (<see cref="HttpFuzzRequests"/>) against one or more servers in lockstep: request i
/// goes to every server, one at a time, each server with its own generator of the same seed that learns from that
/// server's answers (run ids are the fuzzer's; packet ids are each server's own). Records per server the statuses, wall
/// and CPU time per request and every answer without the problem shape, and across servers every request whose status,
/// refusal (problem type and pointers) or success body differs (<see cref="AnswerShape"/>): the same input must have the
/// same outcome on every backend.
/// </summary>
internal sealed class HttpFuzzRun
{
    /// <summary>CPU (client and server: they share this process, and requests go one at a time) one request may cost.</summary>
    public static readonly TimeSpan MaxCpuPerRequest = TimeSpan.FromSeconds(1);

    private readonly List<Target> _targets;
    private readonly List<string> _disagreements = new();
    private readonly int _requests;
    private readonly int _seed;

    private HttpFuzzRun(int requests, int seed, IEnumerable<(string Name, OwnServer Server)> servers)
    {
        _requests = requests;
        _seed = seed;
        _targets = servers.Select(s => new Target(s.Name, s.Server, seed, requests)).ToList();
    }

    private sealed class Target(string name, OwnServer server, int seed, int requests)
    {
        public string Name { get; } = name;

        public OwnServer Server { get; } = server;

        public HttpClient Http { get; } = new() { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        public HttpFuzzRequests Generator { get; } = new(seed, ServerFixture.ApiKey);

        public SortedDictionary<int, int> Statuses { get; } = new();

        public SortedDictionary<string, int> Classes { get; } = new(StringComparer.Ordinal);

        public List<double> Wall { get; } = new(requests);

        public List<double> Cpu { get; } = new(requests);

        public List<string> Failures { get; } = new();
    }

    public static async Task<HttpFuzzRun> RunAsync(int requests, int seed, params (string Name, OwnServer Server)[] servers)
    {
        var run = new HttpFuzzRun(requests, seed, servers);
        try
        {
            await run.SendAllAsync();
        }
        finally
        {
            run._targets.ForEach(t => t.Http.Dispose());
        }

        return run;
    }

    private async Task SendAllAsync()
    {
        var process = Process.GetCurrentProcess();
        var answers = new (string Class, int Status, string Body)[_targets.Count];
        for (var i = 0; i < _requests; i++)
        {
            for (var t = 0; t < _targets.Count; t++)
            {
                var target = _targets[t];
                var request = target.Generator.Next();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var (status, mediaType, body) = await SendAsync(target.Http, target.Server.Port, request);
                clock.Stop();
                process.Refresh();
                target.Wall.Add(clock.Elapsed.TotalMilliseconds);
                target.Cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                target.Statuses[status] = target.Statuses.GetValueOrDefault(status) + 1;
                var @class = request.Class.Split(':')[0];
                target.Classes[@class] = target.Classes.GetValueOrDefault(@class) + 1;
                Learn(target.Generator, request, status, body);
                if (Fault(request, status, mediaType, body) is { } fault && target.Failures.Count < 20)
                {
                    target.Failures.Add($"#{i} {request.Class} {request.Method} {Shorten(request.Path)} body={Shorten(request.Body ?? request.Raw ?? "")}: {fault}");
                }

                answers[t] = (request.Class, status, body);
            }

            if (_targets.Count > 1 && _disagreements.Count < 20 && Disagreement(answers) is { } what)
            {
                _disagreements.Add($"#{i} {answers[0].Class}: {what}: " + string.Join(" vs ", _targets.Select((target, t) => $"{target.Name} {answers[t].Status} {Shorten(answers[t].Body)}")));
            }
        }
    }

    /// <summary>Writes what each server answered, then asserts: no fault, no 5xx, no request over the CPU bound, no disagreement.</summary>
    public void ReportAndAssert(ITestOutputHelper output)
    {
        foreach (var target in _targets)
        {
            target.Wall.Sort();
            target.Cpu.Sort();
            output.WriteLine($"{target.Name}: seed {_seed}, {_requests} requests; classes: {string.Join(", ", target.Classes.Select(c => $"{c.Key} {c.Value}"))}");
            output.WriteLine($"{target.Name}: statuses: {string.Join(", ", target.Statuses.Select(s => $"{s.Key}: {s.Value}"))}");
            output.WriteLine($"{target.Name}: wall ms p50 {Percentile(target.Wall, 0.50):F1}, p99 {Percentile(target.Wall, 0.99):F1}, max {target.Wall[^1]:F1}; CPU ms p99 {Percentile(target.Cpu, 0.99):F1}, max {target.Cpu[^1]:F1}");
            target.Failures.ForEach(output.WriteLine);
        }

        _disagreements.ForEach(d => output.WriteLine("disagreement " + d));
        foreach (var target in _targets)
        {
            Assert.True(target.Failures.Count == 0, target.Name + ":\n" + string.Join("\n", target.Failures));
            Assert.DoesNotContain(target.Statuses.Keys, s => s >= 500);
            Assert.True(target.Cpu[^1] < MaxCpuPerRequest.TotalMilliseconds, $"{target.Name}: a request cost {target.Cpu[^1]:F0} ms of CPU");
        }

        Assert.True(_disagreements.Count == 0, "the backends answered the same request differently:\n" + string.Join("\n", _disagreements));
    }

    /// <summary>
    /// How the servers' answers to one request differ, or null: the status, or with the same status the problem (type,
    /// title, pointers) of a refusal or the body of a success, as <see cref="AnswerShape"/> compares them.
    /// </summary>
    private static string? Disagreement((string Class, int Status, string Body)[] answers)
    {
        if (answers.Any(a => a.Status != answers[0].Status))
        {
            return "status";
        }

        var shape = AnswerShape.Of(answers[0].Status, answers[0].Body);
        return answers.Skip(1).Any(a => AnswerShape.Of(a.Status, a.Body) != shape)
            ? answers[0].Status >= 400 ? "problem" : "body"
            : null;
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
}
