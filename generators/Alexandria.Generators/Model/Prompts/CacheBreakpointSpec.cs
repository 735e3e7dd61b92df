namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>
    /// A prompt-cache breakpoint: everything before the first occurrence of <see cref="BeforeVariable"/>
    /// is a stable, cacheable prefix.
    /// </summary>
    /// <param name="ConstName">The C# constant naming the breakpoint, e.g. <c>InstructionsAndTools</c>.</param>
    /// <param name="TemplateOffset">The breakpoint's offset in the template text.</param>
    /// <param name="SegmentIndex">The index of the placeholder segment the breakpoint precedes.</param>
    /// <param name="RunStable">
    /// Whether only <c>static</c> and <c>run</c> variables come before it, so its prefix is the same for every request
    /// of a run (a <c>snapshot</c> variable before it changes the prefix at each compaction).
    /// </param>
    internal sealed record CacheBreakpointSpec(string Name, string ConstName, string BeforeVariable, int TemplateOffset, int SegmentIndex, bool RunStable);
}
