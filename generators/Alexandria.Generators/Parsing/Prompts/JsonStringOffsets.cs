using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>
    /// Maps a character of a decoded JSON string back to its place in the file. Escapes make the two
    /// differ (<c>\n</c> is two characters in the file and one in the value; <c>\u00e9</c> is six), and a
    /// diagnostic about a placeholder must underline the placeholder, not a point drifted by every escape before it.
    /// </summary>
    internal static class JsonStringOffsets
    {
        /// <summary>
        /// File offsets of each decoded character of <paramref name="node"/>; the extra last entry is the
        /// closing quote, so a span ending at the value's end maps too.
        /// </summary>
        public static int[] Map(string fileText, JsonString node)
        {
            var value = node.Value;
            var offsets = new int[value.Length + 1];
            var raw = node.Start + 1; // past the opening quote
            for (var i = 0; i < value.Length; i++)
            {
                offsets[i] = raw;
                if (fileText[raw] != '\\')
                {
                    raw++;
                }
                else
                {
                    raw += fileText[raw + 1] == 'u' ? 6 : 2;
                }
            }

            offsets[value.Length] = raw;
            return offsets;
        }
    }
}
