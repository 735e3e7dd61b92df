using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Model
{
    /// <summary>One emitted file: its hint name and its text, as the compiler will keep it.</summary>
    internal sealed record GeneratedSource(string HintName, SourceText Content)
    {
        public GeneratedSource(string hintName, string text)
            : this(hintName, SourceText.From(text, Encoding.UTF8))
        {
        }

        /// <summary>The text as a string (tests and tools; the generator hands <see cref="Content"/> to the compiler).</summary>
        public string Text => Content.ToString();
    }
}
