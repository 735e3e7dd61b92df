using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Client;
using Alexandria.Contracts;

namespace Alexandria.LoadTest;

/// <summary>How hard to push: clients in parallel, each appending batches to its own run for a duration.</summary>
public sealed record LoadOptions(int Clients, TimeSpan Duration, int BatchSize);

/// <summary>What the load run measured, and whether every acknowledged event is stored.</summary>
public sealed record LoadReport(
    LoadOptions Options,
    TimeSpan Elapsed,
    long Requests,
    long Events,
    long Failures,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Max,
    IReadOnlyList<string> CountMismatches)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Drives the server through the generated client: each client creates a run and appends batches with
/// expected_seq until the time is up, timing every call; then every run is read back page by page and its
/// seqs must be exactly 1..(events the server acknowledged), nothing lost, nothing extra.
/// </summary>
public static class LoadDriver
{
    public static async Task<LoadReport> RunAsync(Uri server, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { Timeout = TimeSpan.FromSeconds(60) };
        var client = AlexandriaClient.Create(server, http);
        var prefix = "load-" + Guid.NewGuid().ToString("N")[..8];

        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + options.Duration;
        var workers = Enumerable.Range(0, options.Clients)
            .Select(i => AppendUntilAsync(client, $"{prefix}-{i}", options.BatchSize, clock, deadline, cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var mismatches = new List<string>();
        foreach (var result in results)
        {
            if (await CheckCountAsync(client, result.RunId, result.Acknowledged, cancellationToken).ConfigureAwait(false) is { } mismatch)
            {
                mismatches.Add(mismatch);
            }
        }

        return new LoadReport(options, elapsed, latencies.Length, results.Sum(r => r.Acknowledged), results.Sum(r => r.Failures),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? TimeSpan.Zero : latencies[^1], mismatches);
    }

    private sealed record WorkerResult(string RunId, long Acknowledged, long Failures, List<TimeSpan> Latencies);

    private static async Task<WorkerResult> AppendUntilAsync(AlexandriaClient client, string runId, int batchSize, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Load test." }, cancellationToken).ConfigureAwait(false);
        long lastSeq = 0;
        long failures = 0;
        var latencies = new List<TimeSpan>();
        while (clock.Elapsed < deadline)
        {
            var batch = Batch(runId, lastSeq, batchSize);
            var started = clock.Elapsed;
            try
            {
                var appended = await client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = lastSeq, Events = batch }, cancellationToken).ConfigureAwait(false);
                lastSeq = appended.LastSeq;
            }
            catch (AlexandriaApiException)
            {
                // Counted, not retried blindly: the count check below says whether anything was lost.
                failures++;
                lastSeq = (await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).LastSeq;
            }
            latencies.Add(clock.Elapsed - started);
        }
        return new WorkerResult(runId, lastSeq, failures, latencies);
    }

    private static async Task<string?> CheckCountAsync(AlexandriaClient client, string runId, long acknowledged, CancellationToken cancellationToken)
    {
        long expected = 1;
        long? next = 1;
        while (next is { } from)
        {
            var page = await client.ReadEventsAsync(runId, checked((int)from), 1000, cancellationToken).ConfigureAwait(false);
            foreach (var evt in page.Events)
            {
                if (evt.Seq != expected)
                {
                    return $"{runId}: expected seq {expected}, read {evt.Seq}";
                }
                expected++;
            }
            next = page.NextSeq;
        }
        return expected - 1 == acknowledged ? null : $"{runId}: {acknowledged} events acknowledged, {expected - 1} stored";
    }

    private static List<RunEvent> Batch(string runId, long lastSeq, int size)
        => Enumerable.Range(1, size).Select(i => (RunEvent)new PlanEvent
        {
            EventId = Guid.NewGuid(),
            RunId = runId,
            Seq = lastSeq + i,
            StepId = (lastSeq + i) / 4,
            AgentRole = AgentRole.Planner,
            OccurredAt = DateTimeOffset.UtcNow,
            Payload = new PlanPayload
            {
                Objective = "Keep the server busy.",
                Steps = [new PlanStep { StepId = 0, Description = "Append another batch.", Status = PlanStepStatus.InProgress }],
            },
        }).ToList();

    private static TimeSpan Percentile(TimeSpan[] sorted, double quantile)
        => sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
