using System;
using System.Collections.Concurrent;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// What a build derives from a pattern's text (its .NET translation and compile check, its simple-form parse), made
    /// once per distinct pattern and shared between runs and threads: the same few patterns (identifiers, slugs, dates)
    /// recur across a build's contracts and across rebuilds in the IDE, and the value is a pure function of the text, so
    /// sharing it changes no output. Beyond <see cref="Capacity"/> patterns it starts over, so a long IDE session cannot
    /// grow it without bound.
    /// </summary>
    internal sealed class PatternCache<T>
    {
        private const int Capacity = 2048;

        private readonly ConcurrentDictionary<string, T> _entries = new ConcurrentDictionary<string, T>(StringComparer.Ordinal);
        private readonly Func<string, T> _make;

        public PatternCache(Func<string, T> make)
        {
            _make = make;
        }

        /// <summary>The value for <paramref name="pattern"/>, made now if this cache has not seen it.</summary>
        public T Get(string pattern)
        {
            if (_entries.TryGetValue(pattern, out var known))
            {
                return known;
            }

            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            return _entries[pattern] = _make(pattern);
        }
    }
}
