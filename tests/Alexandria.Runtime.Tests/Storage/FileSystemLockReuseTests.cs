using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.FileSystem;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// The embedded store keeps each stream's lock file open across commits and takes the lock per commit. What another
/// writer relies on must not change: the lock is held for the whole commit and free between commits. The other writer
/// here opens the lock file itself with <see cref="FileShare.None"/>, as another process (or an earlier version) does:
/// that is a separate open of the file, so the kernel's <c>flock</c> treats it exactly as another process's.
/// </summary>
public sealed class FileSystemLockReuseTests : StoreTestBase
{
    public FileSystemLockReuseTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task The_run_lock_is_held_during_a_commit_and_free_between_commits()
    {
        string run = NewRunId();
        string lockFile = Path.Combine(Root, "runs", run, "events", "lock");
        var events = (FileSystemEventLog)Store.Events;
        await events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));

        // Between commits the handle stays open but holds nothing: another writer gets in at once.
        using (OpenExclusively(lockFile))
        {
        }

        bool refusedDuringCommit = false;
        await events.AppendAsync(run, 2, TestDocuments.Batch(3, 1), beforeWrite: (_, _) =>
        {
            try
            {
                using FileStream intruder = OpenExclusively(lockFile);
            }
            catch (IOException)
            {
                refusedDuringCommit = true;
            }

            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.True(refusedDuringCommit, "another writer opened the lock file while a commit held it");
        using (OpenExclusively(lockFile))
        {
        }

        Assert.Equal(3, await Store.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task A_commit_waits_while_another_writer_holds_the_lock_and_goes_on_when_it_lets_go()
    {
        string run = NewRunId();
        string lockFile = Path.Combine(Root, "runs", run, "events", "lock");
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 1));

        Task<AppendedRange> waiting;
        using (OpenExclusively(lockFile))
        {
            waiting = Store.Events.AppendAsync(run, 1, TestDocuments.Batch(2, 1));
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "the append committed while another writer held the run's lock");
        }

        Assert.Equal(new AppendedRange(2, 2), await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(new long[] { 1, 2 }, (await Store.Events.ReadAsync(run, 1, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Two_stores_on_one_root_append_to_one_run_in_turn_without_losing_a_batch()
    {
        string run = NewRunId();
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        IRuntimeStore[] stores = [Store, other];
        long last = 0;
        for (int i = 0; i < 20; i++)
        {
            // Each store keeps its own open lock file (its own open file description): they exclude each other as
            // two processes do, and each sees the other's batches when it takes the lock.
            IRuntimeStore store = stores[i % 2];
            AppendedRange range = await store.Events.AppendAsync(run, last, TestDocuments.Batch(last + 1, 1 + (i % 3)));
            last = range.LastSeq;
        }

        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), (await other.Events.ReadAsync(run, 1, 1000)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Artifact_registration_takes_the_store_wide_lock_per_registration_only()
    {
        string run = NewRunId();
        string lockFile = Path.Combine(Root, FileSystemArtifactIndex.LockFileName);
        await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", "one"u8.ToArray());
        using (OpenExclusively(lockFile))
        {
        }

        Task<ArtifactMetadata> waiting;
        using (OpenExclusively(lockFile))
        {
            waiting = Store.StoreArtifactAsync(run, 1, "b.txt", "text/plain", "two"u8.ToArray());
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "a registration went through while another writer held the registration lock");
        }

        ArtifactMetadata second = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(new[] { "a.txt", "b.txt" }, (await Store.Artifacts.FindByRunAsync(run)).Select(a => a.Path));
        Assert.Equal(second, await Store.Artifacts.GetAsync(second.ArtifactId));
    }

    private static FileStream OpenExclusively(string path) =>
        new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
}
