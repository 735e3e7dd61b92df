namespace Alexandria.Runtime.Storage;

/// <summary>Where the object store keeps one payload, and what it hashes to.</summary>
/// <param name="RunId">Run the object belongs to.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes; the object's address within the run.</param>
/// <param name="SizeBytes">Size of the bytes.</param>
/// <param name="ObjectPath">
/// Store-relative path, <c>runs/&lt;run_id&gt;/objects/&lt;sha256[0..2]&gt;/&lt;sha256&gt;</c>, matching the
/// contract's <c>blob_pointer.object_path</c>.
/// </param>
public sealed record ObjectPointer(string RunId, string Sha256, long SizeBytes, string ObjectPath);
