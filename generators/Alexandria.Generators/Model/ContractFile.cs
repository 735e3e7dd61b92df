namespace Alexandria.Generators.Model
{
    /// <summary>
    /// One contract file as the pipeline first sees it: its path, its text and the options that
    /// shape its output. Equatable by value so an unchanged file stays cached.
    /// </summary>
    internal sealed record ContractFile(string Path, string FileName, string Text, string Namespace);
}
