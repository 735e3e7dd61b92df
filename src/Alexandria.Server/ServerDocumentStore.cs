using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Server;

/// <summary>
/// What the runtime has no table for (run records, handoffs, packets and their acknowledgements): small JSON
/// documents under <c>&lt;root&gt;/server/</c>, written to a temporary file and renamed into place.
/// Callers pass only ids that already matched the contract's id pattern or are GUIDs.
/// </summary>
public sealed class ServerDocumentStore
{
    private readonly string _root;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Keeps the documents under <paramref name="rootDirectory"/>/server.</summary>
    public ServerDocumentStore(string rootDirectory)
    {
        _root = Path.Combine(Path.GetFullPath(rootDirectory), "server");
        Directory.CreateDirectory(_root);
    }

    /// <summary>Writes a document only if none exists at that name; false when one does.</summary>
    public async Task<bool> TryCreateAsync(string relativePath, byte[] json, CancellationToken cancellationToken)
    {
        var path = Resolve(relativePath);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(path))
            {
                return false;
            }
            await WriteAtomicallyAsync(path, json, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The document's bytes, or null when there is none.</summary>
    public async Task<byte[]?> ReadAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = Resolve(relativePath);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Every document in a folder, ordered by file name.</summary>
    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        var directory = Resolve(relativeDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var documents = new List<byte[]>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            documents.Add(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
        }
        return documents;
    }

    /// <summary>How many documents a folder holds.</summary>
    public int Count(string relativeDirectory)
    {
        var directory = Resolve(relativeDirectory);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json").Length : 0;
    }

    private string Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Path escapes the server store.", nameof(relativePath));
        }
        return full;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] json, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, json, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: false);
    }
}
