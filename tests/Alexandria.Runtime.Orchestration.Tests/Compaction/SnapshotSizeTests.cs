using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;

namespace Alexandria.Runtime.Orchestration.Tests.Compaction;

/// <summary>A long run's full snapshots stay under the inline cap instead of outgrowing it and stalling compaction.</summary>
public sealed class SnapshotSizeTests
{
    [Fact]
    public async Task Findings_that_would_outgrow_the_inline_cap_drop_oldest_first_and_every_compaction_is_still_written()
    {
        // An 8 KiB cap reaches the limit in a few dozen evidence-citing steps, as 64 KiB does in a few hundred.
        var policy = CompactionPolicy.Default with { InlineBlobCapBytes = 8 * 1024 };
        var options = Drafts.ScriptedOptions(policy);
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "long", options);

        var outcomes = new List<CompactionOutcome>();
        for (var step = 0; step < 90; step++)
        {
            if (await Drafts.CompleteStepAsync(session, step) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        Assert.True(outcomes.Count >= 10, $"only {outcomes.Count} compactions");
        Assert.All(outcomes, o => Assert.True(o.Written, string.Join("; ", o.Verdict.Violations)));
        var latest = session.Latest!;
        Assert.True(ContractJson.Serialize(latest).Length <= policy.InlineBlobCapBytes);
        Assert.True(latest.Findings.Count < 90, "the oldest findings should have left the snapshot");
        var newestObserve = (await session.Log.ReadAsync("long", 1, 10_000)).Select(e => e.Event).OfType<Contracts.ObserveEvent>()
            .Where(e => e.Seq <= latest.CoveredSeq.Last).Max(e => e.Seq);
        Assert.Equal("F-" + newestObserve, latest.Findings[^1].FindingId);
        Assert.True((await new SnapshotReplayer(temp.Store, options).VerifyAsync("long")).Verified);
    }
}
