using System.Collections.Generic;
using System.Globalization;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// A <c>pattern</c> simple enough to check on the UTF-8 bytes without a regex: anchored (<c>^…\z</c>), a
    /// sequence of ASCII character classes or literals with counts (<c>[a-z0-9][a-z0-9_-]{0,63}</c>). Matching
    /// greedily is exact when no repeated atom shares a character with what may follow it, which is checked.
    /// A non-ASCII byte is outside every class, so a string that is not ASCII fails as the regex would fail it.
    /// Negative look-aheads of literals may lead the atoms (<c>^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,512}$</c>, the
    /// contracts' paths): <c>(?!L)</c> refuses a string starting with L, <c>(?!.*L)</c> one containing L. That is
    /// exact because the atoms admit printable ASCII only, so a string they accept has no line terminator for
    /// <c>.</c> to stop at.
    /// </summary>
    internal sealed class SimplePattern
    {
        private readonly List<Atom> _atoms;

        /// <summary>Literals a string must not start with, and literals it must not contain.</summary>
        private readonly List<string> _notPrefixes;
        private readonly List<string> _notContained;

        private SimplePattern(List<Atom> atoms, List<string> notPrefixes, List<string> notContained)
        {
            _atoms = atoms;
            _notPrefixes = notPrefixes;
            _notContained = notContained;
        }

        public static string MatcherName(int pattern) => "Q" + SchemaMethodEmitter.Int(pattern);

        /// <summary>
        /// Parsed patterns (null for those not of the simple form), once per distinct pattern: the validator tables, the
        /// streaming methods, the matchers and the constant cover each ask.
        /// </summary>
        private static readonly Parsing.Validation.PatternCache<SimplePattern?> Parsed =
            new Parsing.Validation.PatternCache<SimplePattern?>(ParseUncached);

        /// <summary>Reads a translated (.NET) pattern; null when it is not of the simple form.</summary>
        public static SimplePattern? Parse(string pattern) => Parsed.Get(pattern);

        private static SimplePattern? ParseUncached(string pattern)
        {
            if (!pattern.StartsWith("^", System.StringComparison.Ordinal) || !pattern.EndsWith("\\z", System.StringComparison.Ordinal))
            {
                return null;
            }

            var body = pattern.Substring(1, pattern.Length - 3);
            var atoms = new List<Atom>();
            var notPrefixes = new List<string>();
            var notContained = new List<string>();
            var i = 0;
            while (At(body, i, "(?!"))
            {
                i += 3;
                var anywhere = At(body, i, AnyCodePoints);
                i += anywhere ? AnyCodePoints.Length : 0;
                var literal = ReadLookaheadLiteral(body, ref i);
                if (literal is null)
                {
                    return null;
                }

                (anywhere ? notContained : notPrefixes).Add(literal);
            }

            while (i < body.Length)
            {
                var set = body[i] == '[' ? ReadClass(body, ref i) : ReadLiteral(body, ref i);
                if (set is null || !ReadCount(body, ref i, out var min, out var max))
                {
                    return null;
                }

                atoms.Add(new Atom(set, min, max));
            }

            return atoms.Count > 0 && IsDeterministic(atoms) ? new SimplePattern(atoms, notPrefixes, notContained) : null;
        }

        /// <summary><c>bool Q{n}(ReadOnlySpan&lt;byte&gt; s)</c>.</summary>
        public void EmitMatcher(SourceWriter w, int index, string source)
        {
            // A long run of one class (a hash, a path) is found by one vectorized search for the first byte outside it.
            for (var a = 0; a < _atoms.Count; a++)
            {
                if (_atoms[a].Max >= VectorizedRun && ClassOf(a) == a)
                {
                    w.Line($"private static readonly global::System.Buffers.SearchValues<byte> {MatcherName(index)}Class{SchemaMethodEmitter.Int(a)} = global::System.Buffers.SearchValues.Create({Utf8Literals.For(_atoms[a].Members())});");
                }
            }

            w.Line($"/// <summary>{SchemaMethodEmitter.Xml(source)} on UTF-8 bytes.</summary>");
            using (w.OpenBlock($"private static bool {MatcherName(index)}(global::System.ReadOnlySpan<byte> s)"))
            {
                foreach (var literal in _notPrefixes)
                {
                    w.Line($"if (global::System.MemoryExtensions.StartsWith(s, {Utf8Literals.For(literal)})) return false;");
                }

                foreach (var literal in _notContained)
                {
                    w.Line($"if (global::System.MemoryExtensions.IndexOf(s, {Utf8Literals.For(literal)}) >= 0) return false;");
                }

                w.Line("var p = 0;");
                if (_atoms.Exists(x => x.Min != 1 || x.Max != 1))
                {
                    w.Line("int n;");
                }

                for (var a = 0; a < _atoms.Count; a++)
                {
                    var atom = _atoms[a];
                    if (atom.Min == 1 && atom.Max == 1)
                    {
                        // Exactly one character: a run of single literals is one comparison, one class one test.
                        var literal = new System.Text.StringBuilder();
                        for (var b = a; b < _atoms.Count && _atoms[b].Min == 1 && _atoms[b].Max == 1 && _atoms[b].Members() is { Length: 1 } only; b++)
                        {
                            literal.Append(only);
                        }

                        if (literal.Length > 1)
                        {
                            w.Line($"if (!global::System.MemoryExtensions.StartsWith(s.Slice(p), {Utf8Literals.For(literal.ToString())})) return false;");
                            w.Line($"p += {SchemaMethodEmitter.Int(literal.Length)};");
                            a += literal.Length - 1;
                            continue;
                        }

                        var (one, other) = atom.Masks();
                        w.Line($"if (p >= s.Length || !StreamingValues.InClass(s[p], {Hex(one)}, {Hex(other)})) return false;");
                        w.Line("p++;");
                        continue;
                    }

                    if (atom.Max >= VectorizedRun)
                    {
                        var number = SchemaMethodEmitter.Int(a);
                        if (atom.Max == int.MaxValue)
                        {
                            w.Line($"var run{number} = s.Slice(p);");
                        }
                        else
                        {
                            w.Line($"var run{number} = s.Slice(p, global::System.Math.Min(s.Length - p, {SchemaMethodEmitter.Int(atom.Max)}));");
                        }

                        w.Line($"n = global::System.MemoryExtensions.IndexOfAnyExcept(run{number}, {MatcherName(index)}Class{SchemaMethodEmitter.Int(ClassOf(a))});");
                        w.Line($"if (n < 0) n = run{number}.Length;");
                        w.Line("p += n;");
                    }
                    else
                    {
                        var (low, high) = atom.Masks();
                        var bound = atom.Max == int.MaxValue ? new CSharpCode("") : new CSharpCode("n < ", SchemaMethodEmitter.Int(atom.Max), " && ");
                        w.Line($"for (n = 0; {bound}p < s.Length && StreamingValues.InClass(s[p], {Hex(low)}, {Hex(high)}); n++) p++;");
                    }

                    if (atom.Min > 0)
                    {
                        w.Line($"if (n < {SchemaMethodEmitter.Int(atom.Min)}) return false;");
                    }
                }

                w.Line("return p == s.Length;");
            }
        }

        /// <summary>Atoms that may repeat this often are matched by <c>IndexOfAnyExcept</c>; shorter ones byte by byte.</summary>
        private const int VectorizedRun = 16;

        /// <summary>The first vectorized atom with the same class as atom <paramref name="a"/>, whose search values it shares.</summary>
        private int ClassOf(int a)
        {
            var members = _atoms[a].Members();
            for (var b = 0; b < a; b++)
            {
                if (_atoms[b].Max >= VectorizedRun && _atoms[b].Members() == members) return b;
            }

            return a;
        }

        private static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + "UL";

        private static bool IsDeterministic(List<Atom> atoms)
        {
            for (var i = 0; i < atoms.Count; i++)
            {
                if (atoms[i].Min == atoms[i].Max)
                {
                    continue;
                }

                // A repeated atom takes the longest run; that is the only way to match when nothing up to the next
                // required atom could take one of its characters instead.
                for (var j = i + 1; j < atoms.Count; j++)
                {
                    if (atoms[i].Overlaps(atoms[j])) return false;
                    if (atoms[j].Min > 0) break;
                }
            }

            return true;
        }

        private static bool[]? ReadClass(string body, ref int i)
        {
            var set = new bool[128];
            var j = i + 1;
            if (j >= body.Length || body[j] == '^' || body[j] == ']')
            {
                return null;
            }

            while (j < body.Length && body[j] != ']')
            {
                var c = body[j];
                if (!IsPlain(c) || c == '[')
                {
                    return null;
                }

                if (j + 2 < body.Length && body[j + 1] == '-' && body[j + 2] != ']')
                {
                    var end = body[j + 2];
                    if (!IsPlain(end) || end == '[' || end < c)
                    {
                        return null;
                    }

                    for (var x = c; x <= end; x++) set[x] = true;
                    j += 3;
                }
                else
                {
                    set[c] = true;
                    j++;
                }
            }

            if (j >= body.Length)
            {
                return null;
            }

            i = j + 1;
            return set;
        }

        private static bool At(string body, int i, string text) => string.CompareOrdinal(body, i, text, 0, text.Length) == 0 && i + text.Length <= body.Length;

        /// <summary>The translation of ECMA-262 <c>.*</c> (any code point but a line terminator, repeated).</summary>
        private static readonly string AnyCodePoints = Parsing.Validation.EcmaRegexTranslator.AnyCodePoint + "*";

        /// <summary>
        /// The rest of a look-ahead up to its <c>)</c>: plain characters and escaped punctuation (<c>\.</c>), at
        /// least one; null for anything else (classes, counts, groups, alternation).
        /// </summary>
        private static string? ReadLookaheadLiteral(string body, ref int i)
        {
            var literal = new System.Text.StringBuilder();
            for (; i < body.Length && body[i] != ')'; i++)
            {
                var c = body[i];
                if (c == '\\' && i + 1 < body.Length && IsPlain(body[i + 1]) && !char.IsLetterOrDigit(body[i + 1]))
                {
                    literal.Append(body[++i]);
                }
                else if (IsPlain(c) && "^$.|?*+()[]{}".IndexOf(c) < 0)
                {
                    literal.Append(c);
                }
                else
                {
                    return null;
                }
            }

            if (i >= body.Length || literal.Length == 0)
            {
                return null;
            }

            i++;
            return literal.ToString();
        }

        private static bool[]? ReadLiteral(string body, ref int i)
        {
            var c = body[i];
            if (!IsPlain(c) || "^$.|?*+()[]{}".IndexOf(c) >= 0)
            {
                return null;
            }

            var set = new bool[128];
            set[c] = true;
            i++;
            return set;
        }

        private static bool ReadCount(string body, ref int i, out int min, out int max)
        {
            min = max = 1;
            if (i >= body.Length)
            {
                return true;
            }

            switch (body[i])
            {
                case '?': min = 0; i++; break;
                case '*': min = 0; max = int.MaxValue; i++; break;
                case '+': max = int.MaxValue; i++; break;
                case '{':
                    var close = body.IndexOf('}', i);
                    if (close < 0) return false;
                    var parts = body.Substring(i + 1, close - i - 1).Split(',');
                    if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min)) return false;
                    max = parts.Length == 1 ? min
                        : parts[1].Length == 0 ? int.MaxValue
                        : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var upper) && upper >= min ? upper : -1;
                    if (max < 0) return false;
                    i = close + 1;
                    break;
                default:
                    return true;
            }

            // Lazy and possessive counts are not the simple form.
            return i >= body.Length || (body[i] != '?' && body[i] != '+');
        }

        /// <summary>Printable ASCII other than the backslash: escapes are left to the regex.</summary>
        private static bool IsPlain(char c) => c >= ' ' && c <= '~' && c != '\\';

        private sealed class Atom
        {
            public Atom(bool[] set, int min, int max)
            {
                Set = set;
                Min = min;
                Max = max;
            }

            public bool[] Set { get; }

            public int Min { get; }

            public int Max { get; }

            public bool Overlaps(Atom other)
            {
                for (var c = 0; c < 128; c++)
                {
                    if (Set[c] && other.Set[c]) return true;
                }

                return false;
            }

            /// <summary>The class's characters in order, for <c>SearchValues.Create</c>; made when first asked (atoms are shared by the cache).</summary>
            public string Members()
            {
                if (_members is { } known)
                {
                    return known;
                }

                var members = new System.Text.StringBuilder();
                for (var c = 0; c < 128; c++)
                {
                    if (Set[c]) members.Append((char)c);
                }

                return _members = members.ToString();
            }

            private string? _members;

            public (ulong Low, ulong High) Masks()
            {
                ulong low = 0, high = 0;
                for (var c = 0; c < 128; c++)
                {
                    if (!Set[c]) continue;
                    if (c < 64) low |= 1UL << c;
                    else high |= 1UL << (c - 64);
                }

                return (low, high);
            }
        }
    }
}
