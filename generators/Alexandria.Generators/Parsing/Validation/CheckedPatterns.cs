using System;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// ECMA-262 patterns translated to .NET and checked to compile, once per distinct pattern (<see cref="PatternCache{T}"/>):
    /// building a <see cref="Regex"/> only to see whether it is valid was one of the larger costs of a schema's validator model.
    /// </summary>
    internal static class CheckedPatterns
    {
        private static readonly PatternCache<Checked> Cache = new PatternCache<Checked>(Check);

        /// <summary>The .NET form of <paramref name="source"/>; false with the compiler's <paramref name="error"/> when .NET cannot compile it.</summary>
        public static bool TryTranslate(string source, out string translated, out string error)
        {
            var entry = Cache.Get(source);
            translated = entry.Translated;
            error = entry.Error ?? "";
            return entry.Error is null;
        }

        private static Checked Check(string source)
        {
            var translated = EcmaRegexTranslator.Translate(source);
            try
            {
                _ = new Regex(translated, RegexOptions.CultureInvariant);
                return new Checked(translated, null);
            }
            catch (ArgumentException e)
            {
                return new Checked(translated, e.Message);
            }
        }

        private sealed class Checked
        {
            public Checked(string translated, string? error)
            {
                Translated = translated;
                Error = error;
            }

            public string Translated { get; }

            public string? Error { get; }
        }
    }
}
