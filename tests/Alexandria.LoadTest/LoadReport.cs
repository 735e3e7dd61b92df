using System;
using System.Collections.Generic;

namespace Alexandria.LoadTest;

/// <summary>What a load run measured, and whether every acknowledged event is stored.</summary>
/// <param name="Options">What was asked for.</param>
/// <param name="Elapsed">Wall time of the appending phase.</param>
/// <param name="Requests">Append calls made, answered or not.</param>
/// <param name="Events">Events the server acknowledged (sum of acknowledged batches).</param>
/// <param name="Conflicts">409 answers (expected with a shared run; each is retried).</param>
/// <param name="Failures">Any other error answer.</param>
/// <param name="P50">Median latency of an append call.</param>
/// <param name="P99">99th-percentile latency of an append call.</param>
/// <param name="Max">Slowest append call.</param>
/// <param name="CountMismatches">Runs whose stored events are not exactly seqs 1..acknowledged.</param>
public sealed record LoadReport(
    LoadOptions Options,
    TimeSpan Elapsed,
    long Requests,
    long Events,
    long Conflicts,
    long Failures,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Max,
    IReadOnlyList<string> CountMismatches)
{
    /// <summary>Append calls per second.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Acknowledged events per second.</summary>
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
