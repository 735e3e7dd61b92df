namespace Alexandria.Runtime.Compaction;

/// <summary>
/// When to compact (DOMAIN §2) and what a snapshot carries. The defaults are the domain's numbers;
/// every one is configurable.
/// </summary>
public sealed record CompactionPolicy
{
    /// <summary><c>EVENT_THRESHOLD</c>: counted events since the last snapshot that trigger a compaction. Default 18.</summary>
    public int EventThreshold { get; init; } = 18;

    /// <summary><c>N_STEP_FALLBACK</c>: steps since the last snapshot that trigger one when counted events lag. Default 8.</summary>
    public int StepFallback { get; init; } = 8;

    /// <summary>Whether snapshots carry the narrative rendered from the manifest's <c>snapshot_narrative</c> template.</summary>
    public bool RenderNarrative { get; init; } = true;

    /// <summary>The cap above which nothing is stored inline (DOMAIN §1, §3): 64 KiB.</summary>
    public int InlineBlobCapBytes { get; init; } = 64 * 1024;

    /// <summary>The domain's defaults.</summary>
    public static CompactionPolicy Default { get; } = new();
}
