using System.Threading.Tasks;
using Orleans;

namespace Alexandria.Cluster;

/// <summary>
/// One run, owned by one grain activation in the cluster (keyed by run id): every write to the run — the HTTP API's
/// appends and compactions, and the agent loop when one drives the run — goes through it, so the run has one writer.
/// The store's optimistic concurrency stays as the safety net: a second writer after a split brain gets a
/// sequence conflict, never a fork.
/// </summary>
[Alias("alexandria.run")]
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// The HTTP API's write operations, executed by the run's activation: <paramref name="requestJson"/> is the
    /// operation's validated body (<c>AppendEventsRequest</c> or <c>CompactRequest</c>); the reply carries the HTTP
    /// status and the JSON body the front returns.
    /// </summary>
    [Alias("write")]
    Task<RunWriteReply> WriteAsync(RunWriteKind kind, byte[] requestJson);

    /// <summary>
    /// Makes sure the run's agent loop is running here when the work queue holds an unfinished order for it: claims
    /// the order for this silo and starts (or resumes, when the log already has events) the loop. Idempotent.
    /// </summary>
    [Alias("ensure-running")]
    Task EnsureRunningAsync();
}

/// <summary>Which HTTP write operation a <see cref="IRunGrain.WriteAsync"/> call carries.</summary>
public enum RunWriteKind
{
    /// <summary><c>POST /runs/{runId}/events</c>.</summary>
    AppendEvents,

    /// <summary><c>POST /runs/{runId}/compactions</c>.</summary>
    Compact,
}

/// <summary>What a routed write answered: the HTTP status and the JSON body of the generated result.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Json">The response body (a result document or a problem).</param>
[GenerateSerializer]
[Alias("alexandria.run-write-reply")]
public sealed record RunWriteReply([property: Id(0)] int Status, [property: Id(1)] byte[] Json);
