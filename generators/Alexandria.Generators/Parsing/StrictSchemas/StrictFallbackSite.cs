using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// A keyword of the contract that a provider's structured output cannot express: what it is, where it
    /// is (file pointer and line:col of the keyword's name) and why, for the fallback reason and ALX05xx.
    /// </summary>
    internal sealed record StrictFallbackSite(string Keyword, string Pointer, SourceLocation Location, string Why)
    {
        /// <summary>The reason line the generated API lists: <c>keyword at file#/pointer: why</c>.</summary>
        public string Reason => Keyword + " at " + Pointer + ": " + Why;
    }
}
