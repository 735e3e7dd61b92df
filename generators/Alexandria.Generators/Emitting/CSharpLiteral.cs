using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// The C# string literal of up to three pieces of text joined (<c>location + "/" + keyword</c>), written straight
    /// into a line (<see cref="SourceWriter.LineHandler"/>): neither the joined text nor its literal is made as a
    /// string first (nor escaped into one, unless it holds control or non-ASCII characters). The same characters as
    /// <see cref="CSharpNaming.Literal(string)"/> of the joined text.
    /// </summary>
    internal readonly struct CSharpLiteral
    {
        private readonly string _first;
        private readonly string? _second;
        private readonly string? _third;

        public CSharpLiteral(string first, string? second = null, string? third = null)
        {
            _first = first;
            _second = second;
            _third = third;
        }

        public void AppendTo(StringBuilder builder)
        {
            if (!IsPrintable(_first) || !IsPrintable(_second) || !IsPrintable(_third))
            {
                // Control and non-ASCII characters: Roslyn's own escaping, as Literal does.
                builder.Append(SymbolDisplay.FormatLiteral(_first + _second + _third, quote: true));
                return;
            }

            // Printable ASCII: only the quote and the backslash are escaped, as FormatLiteral escapes them.
            builder.Append('"');
            AppendEscaped(builder, _first);
            AppendEscaped(builder, _second);
            AppendEscaped(builder, _third);
            builder.Append('"');
        }

        private static void AppendEscaped(StringBuilder builder, string? text)
        {
            if (text is null)
            {
                return;
            }

            if (IsPlain(text))
            {
                builder.Append(text);
                return;
            }

            foreach (var c in text)
            {
                if (c == '"' || c == '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        /// <summary>Printable ASCII, the quote and the backslash included.</summary>
        private static bool IsPrintable(string? text)
        {
            if (text is null)
            {
                return true;
            }

            foreach (var c in text)
            {
                if (c < ' ' || c > '~')
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString()
        {
            var builder = new StringBuilder();
            AppendTo(builder);
            return builder.ToString();
        }

        private static bool IsPlain(string? text) => CSharpNaming.IsPlainInLiteral(text);
    }
}
