using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Server;

/// <summary>
/// The server's documents on the embedded store: small JSON files under <c>&lt;root&gt;/server/</c>, written
/// to a temporary file, flushed to disk and renamed into place.
/// </summary>
public sealed class FileServerDocumentStore : IServerDocumentStore
{
    private readonly string _root;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Keeps the documents under <paramref name="rootDirectory"/>/server.</summary>
    public FileServerDocumentStore(string rootDirectory)
    {
        _root = Path.Combine(Path.GetFullPath(rootDirectory), "server");
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = Resolve(relativePath);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <inheritdoc/>
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
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(json, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: false);
    }
}
