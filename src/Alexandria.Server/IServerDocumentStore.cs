using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Server;

/// <summary>
/// What the runtime has no table for (run records, handoffs, packets and their acknowledgements): small,
/// write-once JSON documents addressed by a relative path such as <c>runs/&lt;id&gt;/handoffs/&lt;guid&gt;.json</c>.
/// Kept where the runtime keeps its events: files beside the embedded store, a table beside PostgreSQL's.
/// Callers pass only ids that already matched the contract's id pattern or are GUIDs.
/// </summary>
public interface IServerDocumentStore
{
    /// <summary>Writes a document only if none exists at that path; false when one does.</summary>
    Task<bool> TryCreateAsync(string relativePath, byte[] json, CancellationToken cancellationToken);

    /// <summary>The document's bytes, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>Every document directly in a folder, ordered by path.</summary>
    Task<IReadOnlyList<byte[]>> ReadAllAsync(string relativeDirectory, CancellationToken cancellationToken);
}
