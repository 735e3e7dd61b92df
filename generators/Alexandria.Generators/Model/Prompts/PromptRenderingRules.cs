namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>
    /// How variable values become text, from the manifest's <c>rendering</c> block. The defaults are
    /// the manifest format's own, so a manifest without the block still renders deterministically.
    /// </summary>
    internal sealed record PromptRenderingRules(
        string ListItemPrefix,
        string ListSeparator,
        string EmptyList,
        string BooleanTrue,
        string BooleanFalse,
        string AbsentOptional)
    {
        public static PromptRenderingRules Default { get; } = new PromptRenderingRules("- ", "\n", "(none)", "true", "false", "");
    }
}
