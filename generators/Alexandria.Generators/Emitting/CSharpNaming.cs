using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// Turns contract names (snake_case, kebab-case, camelCase, free text) into C# identifiers.
    /// All emitters name things through here so the same contract name always yields the same C# name.
    /// </summary>
    internal static class CSharpNaming
    {
        /// <summary><c>run_event</c> → <c>RunEvent</c>; <c>CT-1</c> → <c>Ct1</c>; <c>2fa</c> → <c>_2fa</c>.</summary>
        public static string ToPascalCase(string name)
        {
            var builder = new StringBuilder(name.Length);
            var upperNext = true;
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    upperNext = true;
                    continue;
                }

                // A lower-to-upper boundary already starts a word (camelCase stays camel-cased).
                if (upperNext)
                {
                    builder.Append(char.ToUpperInvariant(c));
                    upperNext = false;
                }
                else if (char.IsUpper(c) && i > 0 && char.IsUpper(name[i - 1]))
                {
                    // ALL_CAPS words become Pascal words: CONTEXT_REQUEST → ContextRequest.
                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            var result = builder.Length == 0 ? "Value" : builder.ToString();
            return Sanitize(result);
        }

        /// <summary><c>run_id</c> → <c>runId</c>, escaped with '@' if it is a keyword.</summary>
        public static string ToCamelCase(string name)
        {
            var pascal = ToPascalCase(name);
            if (pascal[0] == '_')
            {
                return pascal;
            }

            var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
            return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None
                ? "@" + camel
                : camel;
        }

        /// <summary>Makes <paramref name="identifier"/> a valid C# identifier (leading digit, keyword).</summary>
        public static string Sanitize(string identifier)
        {
            if (identifier.Length > 0 && char.IsDigit(identifier[0]))
            {
                identifier = "_" + identifier;
            }

            return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
        }

        /// <summary>A C# string literal for <paramref name="value"/>, escaped.</summary>
        public static string Literal(string value) => IsPlainInLiteral(value) ? "\"" + value + "\"" : SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>Printable ASCII other than the quote and the backslash: written as it is inside a literal.</summary>
        internal static bool IsPlainInLiteral(string? text)
        {
            if (text is null)
            {
                return true;
            }

            foreach (var c in text)
            {
                if (c < ' ' || c > '~' || c == '"' || c == '\\')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A verbatim-free C# literal for an integer count or offset.</summary>
        public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Picks a name not yet in <paramref name="taken"/> by appending 2, 3, … — used only where the
        /// contract cannot be expected to choose (inline schemas); named schemas collide with a diagnostic instead.
        /// </summary>
        public static string Unique(string name, ISet<string> taken)
        {
            if (taken.Add(name))
            {
                return name;
            }

            for (var i = 2; ; i++)
            {
                var candidate = name + i.ToString(CultureInfo.InvariantCulture);
                if (taken.Add(candidate))
                {
                    return candidate;
                }
            }
        }

        /// <summary>A hint name fragment that is stable and safe as a file name.</summary>
        public static string HintName(string contractFileName, string typeName) => HintName(contractFileName, typeName, "");

        /// <summary>
        /// The hint name of <paramref name="typeName"/> + <paramref name="suffix"/> (<c>JsonConverter</c>), written once into
        /// a builder kept per thread: every generated file has one, and joining the pieces first made each twice or three times.
        /// </summary>
        public static string HintName(string contractFileName, string typeName, string suffix)
        {
            var stemLength = contractFileName.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? contractFileName.Length - 5 : contractFileName.Length;
            var builder = t_hintBuilder ??= new StringBuilder(128);
            builder.Clear();
            AppendSafe(builder, contractFileName, stemLength);
            builder.Append('.');
            AppendSafe(builder, typeName, typeName.Length);
            AppendSafe(builder, suffix, suffix.Length);
            return builder.Append(".g.cs").ToString();
        }

        [System.ThreadStatic]
        private static StringBuilder? t_hintBuilder;

        private static void AppendSafe(StringBuilder builder, string text, int length)
        {
            for (var i = 0; i < length; i++)
            {
                var c = text[i];
                builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
            }
        }
    }
}
