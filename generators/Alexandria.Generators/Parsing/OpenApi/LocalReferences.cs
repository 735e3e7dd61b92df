using System.Globalization;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>Follows same-document references (<c>#/components/...</c>) through the located JSON tree.</summary>
    internal static class LocalReferences
    {
        // Deep enough for any sane chain of aliases, small enough to stop a cycle quickly.
        private const int MaxHops = 16;

        public static bool IsLocal(string reference) => reference.StartsWith("#", System.StringComparison.Ordinal);

        /// <summary>The node <paramref name="reference"/> (<c>#/a/b</c>) designates, or null.</summary>
        public static JsonNode? Resolve(JsonNode root, string reference)
        {
            if (!IsLocal(reference))
            {
                return null;
            }

            var pointer = System.Uri.UnescapeDataString(reference.Substring(1));
            if (pointer.Length == 0)
            {
                return root;
            }

            if (pointer[0] != '/')
            {
                return null;
            }

            var node = root;
            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var token = raw.Replace("~1", "/").Replace("~0", "~");
                switch (node)
                {
                    case JsonObject obj when obj.TryGet(token, out var child):
                        node = child;
                        break;
                    case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Items.Count:
                        node = array.Items[index];
                        break;
                    default:
                        return null;
                }
            }

            return node;
        }

        /// <summary>
        /// Follows <c>$ref</c> hops from <paramref name="node"/> while they stay in this document. Returns the
        /// last node reached; <paramref name="broken"/> is the <c>$ref</c> string node that did not resolve, if any.
        /// </summary>
        public static JsonNode Follow(JsonNode root, JsonNode node, out JsonString? broken)
        {
            broken = null;
            for (var hop = 0; hop < MaxHops; hop++)
            {
                if (node is not JsonObject obj || obj["$ref"] is not JsonString reference || !IsLocal(reference.Value))
                {
                    return node;
                }

                var target = Resolve(root, reference.Value);
                if (target is null)
                {
                    broken = reference;
                    return node;
                }

                node = target;
            }

            return node;
        }
    }
}
