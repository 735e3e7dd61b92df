using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Client;
using Alexandria.Contracts;

namespace Alexandria.LoadTest;

/// <summary>
/// Drives the server through the generated client: clients append batches with <c>expected_seq</c> until the
/// time is up, timing every call and counting what the server acknowledged; then every run is read back page
/// by page and must hold exactly seqs 1..(acknowledged events) — nothing lost, nothing extra.
/// </summary>
public static class LoadDriver
{
    /// <summary>Runs <paramref name="options"/> against the server at <paramref name="server"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(Uri server, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var client = AlexandriaClient.Create(server, options.ApiKey);
        var prefix = "load-" + Guid.NewGuid().ToString("N")[..8];
        var runIds = Enumerable.Range(0, options.SharedRun ? 1 : options.Clients).Select(i => $"{prefix}-{i}").ToArray();
        foreach (var runId in runIds)
        {
            await client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Load test." }, cancellationToken).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + options.Duration;
        var results = await Task.WhenAll(Enumerable.Range(0, options.Clients)
            .Select(i => AppendUntilAsync(client, runIds[i % runIds.Length], options.BatchSize, clock, deadline, cancellationToken))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var mismatches = new List<string>();
        foreach (var runId in runIds)
        {
            var acknowledged = results.Where(r => r.RunId == runId).Sum(r => r.Acknowledged);
            if (await CheckCountAsync(client, runId, acknowledged, cancellationToken).ConfigureAwait(false) is { } mismatch)
            {
                mismatches.Add(mismatch);
            }
        }

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new LoadReport(options, elapsed, latencies.Length, results.Sum(r => r.Acknowledged), results.Sum(r => r.Conflicts), results.Sum(r => r.Failures),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? TimeSpan.Zero : latencies[^1], mismatches);
    }

    private sealed record WorkerResult(string RunId, long Acknowledged, long Conflicts, long Failures, List<TimeSpan> Latencies);

    private static async Task<WorkerResult> AppendUntilAsync(AlexandriaClient client, string runId, int batchSize, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // The head is only where the next batch goes; what counts is what the server said it appended.
        var head = (await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).LastSeq;
        long acknowledged = 0, conflicts = 0, failures = 0;
        var latencies = new List<TimeSpan>();
        while (clock.Elapsed < deadline)
        {
            var started = clock.Elapsed;
            try
            {
                var appended = await client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = head, Events = Batch(runId, head, batchSize) }, cancellationToken).ConfigureAwait(false);
                acknowledged += appended.LastSeq - appended.FirstSeq + 1;
                head = appended.LastSeq;
            }
            catch (AlexandriaApiException conflict) when (conflict.StatusCode == 409)
            {
                conflicts++;
                head = (await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).LastSeq;
            }
            catch (AlexandriaApiException)
            {
                failures++;
                head = (await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).LastSeq;
            }
            latencies.Add(clock.Elapsed - started);
        }
        return new WorkerResult(runId, acknowledged, conflicts, failures, latencies);
    }

    private static async Task<string?> CheckCountAsync(AlexandriaClient client, string runId, long acknowledged, CancellationToken cancellationToken)
    {
        long expected = 1, clientEvents = 0;
        await foreach (var evt in client.ReadAllEventsAsync(runId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (evt.Seq != expected)
            {
                return $"{runId}: expected seq {expected}, read {evt.Seq}";
            }
            expected++;
            // The server's automatic compactions add their own events between the clients' batches.
            clientEvents += evt is CompactionStartedEvent or CompactionFinishedEvent or CompactionRejectedEvent ? 0 : 1;
        }
        return clientEvents == acknowledged ? null : $"{runId}: {acknowledged} events acknowledged, {clientEvents} stored";
    }

    private static List<RunEvent> Batch(string runId, long head, int size)
        => Enumerable.Range(1, size).Select(i => (RunEvent)new PlanEvent
        {
            EventId = Guid.NewGuid(),
            RunId = runId,
            Seq = head + i,
            StepId = (head + i) / 4,
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
