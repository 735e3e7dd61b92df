using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Alexandria.Runtime.Json;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 8, SHA-256 of namespace + name): the same name always yields
/// the same id, which is what lets a replay of the log reproduce a snapshot byte for byte.
/// </summary>
public static class NameBasedUuid
{
    /// <summary>Namespace of snapshot ids; name = <c>run_id</c> + '\n' + covered last seq.</summary>
    public static readonly Guid SnapshotNamespace = new("6b1f3c2e-8d4a-4f5e-9a7b-2c1d0e9f8a71");

    /// <summary>Namespace of event ids; name = <c>run_id</c> + '\n' + seq.</summary>
    public static readonly Guid EventNamespace = new("0f5e2d8c-3b7a-4e19-8c6d-5a4b3e2f1d09");

    /// <summary>Namespace of artifact ids; name = <c>run_id</c> + '\n' + run-relative path.</summary>
    public static readonly Guid ArtifactNamespace = new("9c3a7e51-2f6b-4d08-b1e4-7a5c9d2e3f60");

    /// <summary>The version-8 UUID of <paramref name="name"/> inside <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Create(namespaceId, name.AsSpan());
    }

    /// <summary>
    /// The version-8 UUID of the name spelled by <paramref name="name"/> inside <paramref name="namespaceId"/>: the same id
    /// as <see cref="Create(Guid, string)"/> of that text, without building the string (ids are made for every event).
    /// The name is hashed from the stack (a pooled buffer when long).
    /// </summary>
    public static Guid Create(Guid namespaceId, ReadOnlySpan<char> name)
    {
        int max = 16 + Encoding.UTF8.GetMaxByteCount(name.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> input = rented ?? stackalloc byte[512];
        try
        {
            namespaceId.TryWriteBytes(input, bigEndian: true, out _);
            int length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(input[..length], hash);
            var uuid = hash[..16];
            uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80); // version 8
            uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 9562 variant
            return new Guid(uuid, bigEndian: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // run_id + '\n' + a number, formatted on the stack.
    private static Guid Create(Guid namespaceId, string runId, long number)
    {
        if (runId.Length > 200)
        {
            return Create(namespaceId, runId + "\n" + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Span<char> name = stackalloc char[runId.Length + 1 + 20];
        runId.CopyTo(name);
        name[runId.Length] = '\n';
        number.TryFormat(name[(runId.Length + 1)..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return Create(namespaceId, name[..(runId.Length + 1 + written)]);
    }

    // run_id + '\n' + a path, joined on the stack.
    private static Guid Create(Guid namespaceId, string runId, string path)
    {
        if (runId.Length + path.Length > 256)
        {
            return Create(namespaceId, runId + "\n" + path);
        }

        Span<char> name = stackalloc char[runId.Length + 1 + path.Length];
        runId.CopyTo(name);
        name[runId.Length] = '\n';
        path.CopyTo(name[(runId.Length + 1)..]);
        return Create(namespaceId, name);
    }

    /// <summary>Id of the snapshot of <paramref name="runId"/> whose covered range ends at <paramref name="coveredLastSeq"/>.</summary>
    public static Guid ForSnapshot(string runId, long coveredLastSeq)
        => Create(SnapshotNamespace, runId, coveredLastSeq);

    /// <summary>Id of the event at <paramref name="seq"/> of <paramref name="runId"/>.</summary>
    public static Guid ForEvent(string runId, long seq)
        => Create(EventNamespace, runId, seq);

    /// <summary>Id of the artifact stored at <paramref name="path"/> in <paramref name="runId"/>.</summary>
    public static Guid ForArtifact(string runId, string path) => Create(ArtifactNamespace, runId, path);
}
