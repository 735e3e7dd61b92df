namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// Which translated (.NET) patterns the generated code builds with <c>RegexOptions.NonBacktracking</c>, whose
    /// matching time is linear in the input whatever the pattern: those without the constructs that engine refuses
    /// (lookaround, backreferences, atomic groups, conditionals, balancing groups, <c>\G</c>). Decided on the text,
    /// because the generator may run inside a compiler on .NET Framework, where that engine does not exist; the
    /// generated code runs on .NET 8 or later, where it does. A pattern the engine still refuses (its automaton would
    /// pass the engine's size limit) falls back at run time to the backtracking engine, with the match timeout.
    /// </summary>
    internal static class LinearPatterns
    {
        /// <summary>Whether <paramref name="pattern"/> (.NET syntax, as the translator wrote it) can run without backtracking.</summary>
        public static bool Allow(string pattern)
        {
            var classDepth = 0;
            var dash = false; // the previous character of a class was an unescaped '-'
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\')
                {
                    if (i + 1 < pattern.Length && classDepth == 0 && IsBacktrackingEscape(pattern[i + 1]))
                    {
                        return false;
                    }

                    i++;
                    dash = false;
                    continue;
                }

                if (classDepth > 0)
                {
                    if (c == ']')
                    {
                        classDepth--;
                    }
                    else if (c == '[' && dash)
                    {
                        classDepth++; // .NET class subtraction: [a-z-[aeiou]]
                    }

                    dash = c == '-';
                    continue;
                }

                if (c == '[')
                {
                    classDepth++;
                    // A ']' right after '[' or '[^' is a literal in .NET.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                    continue;
                }

                if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?' && IsBacktrackingGroup(pattern, i + 2))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>\1…\9 and \k&lt;name&gt; (backreferences) and \G (where the last match ended).</summary>
        private static bool IsBacktrackingEscape(char e) => (e >= '1' && e <= '9') || e == 'k' || e == 'G';

        /// <summary>What follows "(?": lookaround, an atomic group, a conditional, or a balancing group "(?&lt;a-b&gt;".</summary>
        private static bool IsBacktrackingGroup(string pattern, int at)
        {
            switch (pattern[at])
            {
                case '=':
                case '!':
                case '>':
                case '(':
                    return true;
                case '<':
                    if (at + 1 < pattern.Length && (pattern[at + 1] == '=' || pattern[at + 1] == '!'))
                    {
                        return true;
                    }

                    return IsBalancingName(pattern, at + 1, '>');
                case '\'':
                    return IsBalancingName(pattern, at + 1, '\'');
                default:
                    return false;
            }
        }

        private static bool IsBalancingName(string pattern, int start, char close)
        {
            for (var i = start; i < pattern.Length && pattern[i] != close; i++)
            {
                if (pattern[i] == '-')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
