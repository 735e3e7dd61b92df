using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// ECMA-262 patterns translated to .NET and checked to compile, once per distinct pattern: building a
    /// <see cref="Regex"/> only to see whether it is valid was one of the larger costs of a schema's validator model, and
    /// the same few patterns (identifiers, slugs, dates) recur across a build's contracts and across rebuilds in the IDE.
    /// A pure function of the pattern's text, so sharing it between runs and threads changes no output.
    /// </summary>
    internal static class CheckedPatterns
    {
        /// <summary>Beyond this many patterns the cache starts over, so a long IDE session cannot grow it without bound.</summary>
        private const int Capacity = 2048;

        private static readonly ConcurrentDictionary<string, Checked> Cache = new ConcurrentDictionary<string, Checked>(StringComparer.Ordinal);

        /// <summary>The .NET form of <paramref name="source"/>; false with the compiler's <paramref name="error"/> when .NET cannot compile it.</summary>
        public static bool TryTranslate(string source, out string translated, out string error)
        {
            if (!Cache.TryGetValue(source, out var entry))
            {
                entry = Check(source);
                if (Cache.Count >= Capacity)
                {
                    Cache.Clear();
                }

                Cache[source] = entry;
            }

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
