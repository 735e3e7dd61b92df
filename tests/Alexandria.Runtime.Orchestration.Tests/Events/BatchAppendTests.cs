using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Events;

/// <summary>
/// <see cref="RunSession.AppendAsync(System.Collections.Generic.IReadOnlyList{RunEvent}, System.Threading.CancellationToken)"/>:
/// drafts that form one unit are one durable write (the agent loop writes a step in 4 instead of 10), stamped and
/// checked as single appends are, and all or nothing.
/// </summary>
public sealed class BatchAppendTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alexandria-batch-" + Guid.NewGuid().ToString("N"));
    private IRuntimeStore _store = null!;

    public async Task InitializeAsync() => _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root });

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_batch_of_drafts_is_one_durable_append_with_consecutive_seqs()
    {
        var counting = new CountingStore(_store);
        var session = await RunSession.OpenAsync(counting, "batch", Drafts.ScriptedOptions());

        var appended = await session.AppendAsync(new RunEvent[] { Drafts.Plan(1), Drafts.Act(1), Drafts.Observe(1) });

        Assert.Equal(1, counting.Appends);
        Assert.Equal(new long[] { 1, 2, 3 }, appended.Select(a => a.Event.Seq));
        Assert.All(appended, a => Assert.Equal("batch", a.Event.RunId));
        Assert.Equal(3, session.LastSeq);
        Assert.Equal(3, session.EventsSinceSnapshot.Count);
        var stored = await _store.Events.ReadAsync("batch", 1, 10);
        Assert.Equal(new[] { "plan", "act", "observe" }, stored.Select(e => e.Kind));
        Assert.Equal(appended.Select(a => a.Event.EventId), stored.Select(EventIdOf));
    }

    [Fact]
    public async Task A_refused_draft_refuses_the_whole_batch_and_nothing_is_written()
    {
        var session = await RunSession.OpenAsync(_store, "refused", Drafts.ScriptedOptions());
        var noObjective = Drafts.Plan(1) with { Payload = Drafts.Plan(1).Payload with { Objective = null } };

        var refused = await Assert.ThrowsAsync<EventRefusedException>(() => session.AppendAsync(new RunEvent[] { Drafts.Act(1), noObjective }));

        Assert.Equal(1, refused.Index);
        Assert.Equal(0, session.LastSeq);
        Assert.Equal(0, await _store.Events.GetLastSeqAsync("refused"));
    }

    private static Guid EventIdOf(StoredEvent stored)
    {
        using var document = System.Text.Json.JsonDocument.Parse(stored.Json);
        return document.RootElement.GetProperty("event_id").GetGuid();
    }
}
