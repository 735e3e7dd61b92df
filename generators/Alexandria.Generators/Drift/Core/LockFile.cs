using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// <c>contracts/contracts.lock.json</c>: the breaking-change baseline. It holds, per contract file
    /// (keyed by its path relative to the lock file), the kind, the version and the normalized form.
    /// Written deterministically (sorted members, '\n' line ends) so it diffs well in review.
    /// </summary>
    internal static class LockFile
    {
        public const string FileName = "contracts.lock.json";
        public const int CurrentVersion = 1;
        public const string Command = "alexandria contracts lock";

        public static string Write(IEnumerable<LockedContract> contracts)
        {
            var entries = contracts
                .OrderBy(c => c.Name, System.StringComparer.Ordinal)
                .Select(c =>
                {
                    var members = new List<CanonicalMember>
                    {
                        new CanonicalMember("kind", CanonicalNode.String(LockedKinds.Name(c.Kind))),
                        new CanonicalMember("normalized", c.Normalized),
                    };
                    if (c.Version is not null)
                    {
                        members.Add(new CanonicalMember("version", CanonicalNode.String(c.Version)));
                    }

                    return new CanonicalMember(c.Name, CanonicalNode.Object(members));
                });

            var root = CanonicalNode.Object(new[]
            {
                new CanonicalMember("about", CanonicalNode.String("Breaking-change baseline of the contracts beside this file. Written by '" + Command + "'; do not edit by hand.")),
                new CanonicalMember("contracts", CanonicalNode.Object(entries)),
                new CanonicalMember("lock_version", CanonicalNode.Number("1")),
            });
            return CanonicalJsonWriter.WriteIndented(root);
        }

        /// <summary>
        /// Reads a lock file. Node offsets point into <paramref name="text"/>, so a removed thing can be
        /// reported at its lock entry. Returns null with <paramref name="error"/> set when the file is not a lock.
        /// </summary>
        public static IReadOnlyList<LockedContract>? Read(string text, string filePath, out string? error)
        {
            error = null;
            JsonNode root;
            try
            {
                root = JsonDocumentParser.Parse(text, out _);
            }
            catch (JsonParseException e)
            {
                error = "it is not valid JSON: " + e.Message;
                return null;
            }

            if (root is not JsonObject obj || obj["lock_version"] is not JsonNumber version)
            {
                error = "it has no 'lock_version'";
                return null;
            }

            if (CanonicalNode.CanonicalNumber(version.Text) != "1")
            {
                error = "lock_version " + version.Text + " is not supported (this Alexandria writes version " + CurrentVersion + ")";
                return null;
            }

            if (obj["contracts"] is not JsonObject contracts)
            {
                error = "it has no 'contracts' object";
                return null;
            }

            var result = new List<LockedContract>();
            foreach (var entry in contracts.Properties)
            {
                if (entry.Value is not JsonObject body
                    || !LockedKinds.TryParse(body.GetString("kind"), out var kind)
                    || body["normalized"] is not JsonNode normalized)
                {
                    error = "entry '" + entry.Name + "' needs a known 'kind' and a 'normalized' value";
                    return null;
                }

                result.Add(new LockedContract(entry.Name, kind, body.GetString("version"), CanonicalNode.From(normalized), filePath, entry.NameStart, entry.NameLength));
            }

            return result;
        }
    }
}
