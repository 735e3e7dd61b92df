namespace Alexandria.Generators.Model
{
    /// <summary>One emitted file: its hint name and its text.</summary>
    internal sealed record GeneratedSource(string HintName, string Text);
}
