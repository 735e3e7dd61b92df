using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>The contract kinds the lock file records, with the names it writes for them.</summary>
    internal enum LockedKind { JsonSchema, OpenApi, PromptManifest }

    internal static class LockedKinds
    {
        public static string Name(LockedKind kind) => kind switch
        {
            LockedKind.OpenApi => "openapi",
            LockedKind.PromptManifest => "prompt_manifest",
            _ => "json_schema",
        };

        public static bool TryParse(string? name, out LockedKind kind)
        {
            switch (name)
            {
                case "json_schema": kind = LockedKind.JsonSchema; return true;
                case "openapi": kind = LockedKind.OpenApi; return true;
                case "prompt_manifest": kind = LockedKind.PromptManifest; return true;
                default: kind = LockedKind.JsonSchema; return false;
            }
        }

        /// <summary>Where a contract of this kind keeps the version that accepts breaking changes.</summary>
        public static string VersionField(LockedKind kind) => kind switch
        {
            LockedKind.OpenApi => "info.version",
            LockedKind.PromptManifest => "manifest_version",
            _ => "x-alexandria-version",
        };

        /// <summary>
        /// Decides what a parsed file is, by the same shape rules as the generator's
        /// <c>ContractDocument.DetectKind</c>: null for the lock file itself and for anything else.
        /// </summary>
        public static LockedKind? Detect(JsonNode root)
        {
            if (root is not JsonObject obj)
            {
                return null;
            }

            if (obj["openapi"] is JsonString)
            {
                return LockedKind.OpenApi;
            }

            if (obj["prompts"] is JsonArray)
            {
                return LockedKind.PromptManifest;
            }

            if (obj["lock_version"] is not null)
            {
                return null;
            }

            if (obj["$defs"] is JsonObject || (obj.GetString("$schema") ?? "").Contains("json-schema.org"))
            {
                return LockedKind.JsonSchema;
            }

            return null;
        }
    }

    /// <summary>
    /// One contract in normalized form, as the lock file records it or as the working tree holds it now.
    /// <see cref="FilePath"/> is the file the node offsets point into (the contract, or the lock file).
    /// </summary>
    internal sealed class LockedContract
    {
        public LockedContract(string name, LockedKind kind, string? version, CanonicalNode normalized, string filePath, int start, int length)
        {
            Name = name;
            Kind = kind;
            Version = version;
            Normalized = normalized;
            FilePath = filePath;
            Start = start;
            Length = length;
        }

        /// <summary>Path relative to the folder of the lock file, '/'-separated: the lock key.</summary>
        public string Name { get; }

        public LockedKind Kind { get; }

        /// <summary>The contract-level version (x-alexandria-version, info.version or manifest_version).</summary>
        public string? Version { get; }

        public CanonicalNode Normalized { get; }

        public string FilePath { get; }

        /// <summary>Where this contract as a whole is in <see cref="FilePath"/> (its lock entry, or the version member).</summary>
        public int Start { get; }

        public int Length { get; }
    }
}
