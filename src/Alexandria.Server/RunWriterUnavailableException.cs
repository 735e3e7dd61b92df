using System;

namespace Alexandria.Server;

/// <summary>
/// The writer that owns a run could not be reached (in a cluster: the silo hosting the run's grain died or did not
/// answer in time). Not the client's mistake and not a bug: the API answers 503 with <c>Retry-After</c>. Whether the
/// write was applied is unknown, so the client re-reads the run before retrying; an append carries
/// <c>expected_seq</c>, so a retry of one that was applied is refused with 409, never applied twice.
/// </summary>
public sealed class RunWriterUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="runId"/>; <paramref name="inner"/> is the transport's failure.</summary>
    public RunWriterUnavailableException(string runId, TimeSpan retryAfter, Exception inner)
        : base($"The writer of run '{runId}' is unavailable ({inner.GetType().Name}); the write may or may not have been applied: read the run, then retry.", inner)
    {
        RunId = runId;
        RetryAfter = retryAfter;
    }

    /// <summary>The run whose writer was unreachable.</summary>
    public string RunId { get; }

    /// <summary>How long a client should wait before retrying (a failover usually completes within it).</summary>
    public TimeSpan RetryAfter { get; }
}
