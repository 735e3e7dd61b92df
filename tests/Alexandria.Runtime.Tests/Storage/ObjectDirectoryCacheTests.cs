using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// The object store remembers which of a run's object directories exist, so a put does not stat its way up to the
/// root. A directory deleted behind its back must be created again (durably, through the same path as the first
/// time), never turn a put into an error or a lost object.
/// </summary>
public sealed class ObjectDirectoryCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alexandria-objdirs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_deleted_objects_directory_is_created_again_by_the_next_put_into_a_known_fan_out_directory()
    {
        var store = new FileSystemObjectStore(_root);
        byte[] content = "first"u8.ToArray();
        ObjectPointer first = await store.PutAsync("run-1", content);
        Directory.Delete(Path.Combine(_root, "runs", "run-1", "objects"), recursive: true);

        // Same content, same fan-out directory the store believes exists.
        ObjectPointer again = await store.PutAsync("run-1", content);
        Assert.Equal(first, again);
        Assert.Equal(content, await store.ReadAsync("run-1", first.Sha256));

        // A second fan-out directory after the loss: the store forgot what it knew and makes it properly.
        byte[] other = ContentWithOtherFirstByte(content);
        ObjectPointer second = await store.PutAsync("run-1", other);
        Assert.Equal(other, await store.ReadAsync("run-1", second.Sha256));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "runs", "run-1", "objects"), ".tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_deleted_fan_out_directory_is_created_again_and_a_file_removed_from_it_is_written_again()
    {
        var store = new FileSystemObjectStore(_root);
        byte[] content = "evidence"u8.ToArray();
        ObjectPointer pointer = await store.PutAsync("run-2", content);
        string fanOut = Path.GetDirectoryName(store.ToFullPath(pointer.ObjectPath))!;
        Directory.Delete(fanOut, recursive: true);

        await store.PutAsync("run-2", content);
        Assert.True(File.Exists(store.ToFullPath(pointer.ObjectPath)));

        File.Delete(store.ToFullPath(pointer.ObjectPath));
        await store.PutAsync("run-2", content);
        Assert.Equal(content, await store.ReadAsync("run-2", pointer.Sha256));
    }

    [Fact]
    public async Task Puts_from_two_stores_into_the_same_new_fan_out_directory_both_land()
    {
        var one = new FileSystemObjectStore(_root);
        var two = new FileSystemObjectStore(_root);
        byte[] a = "alpha"u8.ToArray();
        byte[] b = ContentWithSameFirstByte(a);
        await one.PutAsync("run-3", a);
        ObjectPointer viaTwo = await two.PutAsync("run-3", b);
        ObjectPointer sameViaOne = await one.PutAsync("run-3", b);
        Assert.Equal(viaTwo, sameViaOne);
        Assert.Equal(b, await one.ReadAsync("run-3", viaTwo.Sha256));
        Assert.Equal(2, Directory.EnumerateFiles(Path.GetDirectoryName(one.ToFullPath(viaTwo.ObjectPath))!).Count());
    }

    [Fact]
    public async Task Exists_answers_for_what_was_put_also_under_a_root_given_with_a_trailing_separator()
    {
        var store = new FileSystemObjectStore(_root + Path.DirectorySeparatorChar);
        byte[] content = "exists"u8.ToArray();
        ObjectPointer pointer = await store.PutAsync("run-4", content);

        Assert.True(await store.ExistsAsync("run-4", pointer.Sha256));
        Assert.True(await new FileSystemObjectStore(_root).ExistsAsync("run-4", pointer.Sha256));
        Assert.False(await store.ExistsAsync("run-4", Convert.ToHexStringLower(SHA256.HashData("other"u8))));
        Assert.False(await store.ExistsAsync("run-5", pointer.Sha256));
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => store.ExistsAsync("run-4", "../" + pointer.Sha256[3..]));
    }

    [Fact]
    public async Task A_put_leaves_only_the_object_behind_with_the_bytes_it_was_given()
    {
        // The temp file is created, written and fsynced with direct system calls on Linux: whatever the size, the
        // object is whole and no temp file stays.
        var store = new FileSystemObjectStore(_root);
        foreach (int size in new[] { 0, 1, 4096, 1 << 20 })
        {
            byte[] content = new byte[size];
            new Random(size).NextBytes(content);
            ObjectPointer pointer = await store.PutAsync("run-6", content);
            Assert.Equal(size, pointer.SizeBytes);
            Assert.Equal(content, await File.ReadAllBytesAsync(store.ToFullPath(pointer.ObjectPath)));
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "runs", "run-6", "objects"), ".tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_objects_directory_deleted_and_made_again_by_someone_else_gets_the_next_fan_out_directory()
    {
        // On Linux new fan-out directories are made through an open handle of objects/: one that still refers to the
        // deleted directory must not swallow the next one.
        var store = new FileSystemObjectStore(_root);
        byte[] content = "before"u8.ToArray();
        await store.PutAsync("run-7", content);
        string objects = Path.Combine(_root, "runs", "run-7", "objects");
        Directory.Delete(objects, recursive: true);
        Directory.CreateDirectory(objects);

        byte[] other = ContentWithOtherFirstByte(content);
        ObjectPointer pointer = await store.PutAsync("run-7", other);
        Assert.True(File.Exists(store.ToFullPath(pointer.ObjectPath)));
        Assert.Equal(other, await store.ReadAsync("run-7", pointer.Sha256));
    }

    [Fact]
    public async Task Puts_alternating_between_runs_and_threads_each_land_whole()
    {
        // The store keeps one objects/ directory open, for the run that last needed it: runs taking it over from each
        // other (also from parallel threads) must each get their fan-out directories made in their own objects/.
        var store = new FileSystemObjectStore(_root);
        ObjectPointer[][] puts = await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            var pointers = new ObjectPointer[40];
            for (int i = 0; i < pointers.Length; i++)
            {
                pointers[i] = await store.PutAsync("run-alt-" + (i % 3), Encoding.UTF8.GetBytes($"thread {t} put {i}"));
            }

            return pointers;
        })));

        foreach (ObjectPointer pointer in puts.SelectMany(p => p))
        {
            Assert.StartsWith(Path.Combine(_root, "runs", pointer.RunId, "objects"), store.ToFullPath(pointer.ObjectPath), StringComparison.Ordinal);
            Assert.Equal(pointer.SizeBytes, (await store.ReadAsync(pointer.RunId, pointer.Sha256)).Length);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static byte[] ContentWithOtherFirstByte(byte[] content) => Find(content, same: false);

    private static byte[] ContentWithSameFirstByte(byte[] content) => Find(content, same: true);

    private static byte[] Find(byte[] content, bool same)
    {
        byte first = SHA256.HashData(content)[0];
        for (int i = 0; ; i++)
        {
            byte[] candidate = Encoding.UTF8.GetBytes("candidate-" + i);
            if ((SHA256.HashData(candidate)[0] == first) == same)
            {
                return candidate;
            }
        }
    }
}
