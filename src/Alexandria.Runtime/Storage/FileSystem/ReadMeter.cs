using System.Threading;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Bytes the embedded store read from its segment and index files: how a test sees that opening a long run reads a
/// bounded amount, whatever the machine's load.
/// </summary>
internal sealed class ReadMeter
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
