using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>Turns one contract file's text into its normalized, ordered form (the lock entry's content).</summary>
    internal static class ContractNormalizer
    {
        /// <summary>
        /// Normalizes <paramref name="text"/>; returns null when the file is not a contract (or is the lock
        /// file). Throws <see cref="JsonParseException"/> when it is not JSON; callers report that elsewhere.
        /// </summary>
        public static LockedContract? Normalize(string name, string filePath, string text)
        {
            var root = JsonDocumentParser.Parse(text, out _);
            if (root is not JsonObject obj || LockedKinds.Detect(root) is not LockedKind kind)
            {
                return null;
            }

            var (version, versionNode) = ReadVersion(obj, kind);
            var normalized = kind switch
            {
                LockedKind.OpenApi => OpenApiNormalizer.Document(obj),
                LockedKind.PromptManifest => PromptManifestNormalizer.Document(obj),
                _ => SchemaNormalizer.Document(obj),
            };

            // A drift report about the contract as a whole points at its version (what the user edits next).
            var anchor = versionNode ?? (JsonNode)obj;
            return new LockedContract(name, kind, version, normalized, filePath, anchor.Start, versionNode is null ? 1 : anchor.Length);
        }

        private static (string? Version, JsonNode? Node) ReadVersion(JsonObject root, LockedKind kind)
        {
            JsonNode? node = kind switch
            {
                LockedKind.OpenApi => (root["info"] as JsonObject)?["version"],
                LockedKind.PromptManifest => root[PromptManifestNormalizer.ManifestVersion],
                _ => root[SchemaNormalizer.VersionKeyword],
            };
            return node is JsonString s ? (s.Value, node) : (null, null);
        }
    }
}
