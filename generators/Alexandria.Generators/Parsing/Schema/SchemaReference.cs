using System;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// A <c>$ref</c> value split into the file it points into and the fragment inside it. References into the
    /// same file (empty URI part, the file's own name or its <c>$id</c>) are local; others name a contract file
    /// by its last path segment, which is how contracts refer to each other (<c>other.json#/$defs/x</c>).
    /// </summary>
    internal sealed class SchemaReference
    {
        private SchemaReference(string? externalFile, string fragment)
        {
            ExternalFile = externalFile;
            Fragment = fragment;
        }

        /// <summary>The target file name, or null for a reference into the same file.</summary>
        public string? ExternalFile { get; }

        /// <summary>The fragment: a JSON pointer (<c>/$defs/x</c>), an anchor name, or empty for the whole document.</summary>
        public string Fragment { get; }

        public bool IsLocal => ExternalFile is null;

        public static SchemaReference Parse(string value, string currentFileName, string? currentId)
        {
            var hash = value.IndexOf('#');
            var uri = hash < 0 ? value : value.Substring(0, hash);
            var fragment = hash < 0 ? "" : Uri.UnescapeDataString(value.Substring(hash + 1));
            if (uri.Length == 0 || (currentId is not null && string.Equals(uri, currentId, StringComparison.Ordinal)))
            {
                return new SchemaReference(null, fragment);
            }

            var query = uri.IndexOfAny(new[] { '?' });
            if (query >= 0)
            {
                uri = uri.Substring(0, query);
            }

            var file = uri.Substring(uri.LastIndexOf('/') + 1);
            return string.Equals(file, currentFileName, StringComparison.Ordinal)
                ? new SchemaReference(null, fragment)
                : new SchemaReference(file, fragment);
        }

        /// <summary>Follows a JSON pointer from <paramref name="root"/>; null when a token does not exist.</summary>
        public static JsonNode? Follow(JsonNode root, string pointer)
        {
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
                    case JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Items.Count:
                        node = array.Items[index];
                        break;
                    default:
                        return null;
                }
            }

            return node;
        }

        /// <summary>Finds the schema that declares <c>"$anchor": name</c>.</summary>
        public static JsonObject? FindAnchor(JsonNode node, string name)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj.GetString("$anchor") == name)
                    {
                        return obj;
                    }

                    foreach (var property in obj.Properties)
                    {
                        var found = FindAnchor(property.Value, name);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonArray array:
                    foreach (var item in array.Items)
                    {
                        var found = FindAnchor(item, name);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
