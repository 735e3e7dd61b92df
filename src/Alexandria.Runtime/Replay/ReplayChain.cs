using System;
using System.Collections.Generic;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Replay;

/// <summary>
/// The state of a streaming replay: the events since the last rebuilt snapshot, the snapshots the log has named but
/// the chain has not reached, and what each rebuild needs (parent, loop detector fed up to the window's end, builder,
/// reused JSON buffer). A window closes at the covered last seq a <c>compaction_finished</c> names.
/// </summary>
internal sealed class ChainState
{
    private readonly List<CompactionFinishedPayload> _pending = new();
    private readonly HashSet<long> _closedEnds = new();

    public ChainState(string runId, RunSessionOptions options)
    {
        RunId = runId;
        Builder = new SnapshotBuilder(options.Compaction);
        Loop = new LoopDetector(options.LoopDetection);
    }

    public string RunId { get; }

    public SnapshotBuilder Builder { get; }

    public LoopDetector Loop { get; }

    public ReusableJsonBuffer Json { get; } = new();

    /// <summary>Events read since the last rebuilt snapshot, in seq order; none of them fed to <see cref="Loop"/> yet.</summary>
    public List<RunEvent> Window { get; } = new();

    public CompactionSnapshot? Parent { get; set; }

    public int Checked { get; set; }

    public List<SnapshotMismatch> Mismatches { get; } = new();

    /// <summary>Takes in a snapshot the log records; a second record of the same end is ignored, as the first wins.</summary>
    public void Record(CompactionFinishedPayload finished)
    {
        var end = finished.CoveredSeq.Last;
        if (_closedEnds.Contains(end) || _pending.Exists(p => p.CoveredSeq.Last == end))
        {
            return;
        }

        if (Window.Count > 0 && end < Window[0].Seq)
        {
            Mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", $"the log records snapshot {finished.SnapshotId} over seq {finished.CoveredSeq.First}..{end}, but the chain rebuilt from the log has no snapshot ending at seq {end}."));
            return;
        }

        _pending.Add(finished);
    }

    /// <summary>The recorded snapshot with the earliest end inside the window, and how many window events it covers; or null.</summary>
    public (CompactionFinishedPayload Finished, int Count)? NextClosableWindow()
    {
        if (_pending.Count == 0 || Window.Count == 0)
        {
            return null;
        }

        var next = 0;
        for (var i = 1; i < _pending.Count; i++)
        {
            if (_pending[i].CoveredSeq.Last < _pending[next].CoveredSeq.Last)
            {
                next = i;
            }
        }

        var finished = _pending[next];
        var count = finished.CoveredSeq.Last - Window[0].Seq + 1;
        if (count > Window.Count)
        {
            return null;
        }

        _pending.RemoveAt(next);
        return (finished, (int)count);
    }

    /// <summary>Feeds the loop detector the first <paramref name="count"/> window events and hands them over as the window to rebuild.</summary>
    public CompactionWindow Close(int count)
    {
        var events = Window.GetRange(0, count);
        Window.RemoveRange(0, count);
        foreach (var evt in events)
        {
            LoopDetectorFeed.Apply(Loop, evt);
        }

        _closedEnds.Add(events[^1].Seq);
        return new CompactionWindow(RunId, Parent, events);
    }

    /// <summary>Snapshots the log records over events it does not hold are reported, not silently passed over.</summary>
    public void ReportUnreached()
    {
        foreach (var finished in _pending)
        {
            Mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", $"the log records snapshot {finished.SnapshotId} over seq {finished.CoveredSeq.First}..{finished.CoveredSeq.Last}, but the log ends before seq {finished.CoveredSeq.Last}."));
        }
    }
}
