using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Normalizes a prompts manifest: prompts keyed by id; the template kept as its SHA-256 (computed
    /// here, not trusted from the manifest) so the lock stays small; variables and cache breakpoints
    /// kept in declared order (the order is the order of <c>Render</c>'s parameters); descriptions dropped.
    /// </summary>
    internal static class PromptManifestNormalizer
    {
        public const string ManifestVersion = "manifest_version";

        public static CanonicalNode Document(JsonObject root)
        {
            var members = new List<CanonicalMember>();
            foreach (var property in root.Properties)
            {
                switch (property.Name)
                {
                    case ManifestVersion:
                    case "$schema":
                    case "description":
                    case "title":
                        continue;
                    case "prompts" when property.Value is JsonArray prompts:
                        var byId = prompts.Items.OfType<JsonObject>()
                            .Select(p => (Prompt: p, Id: p.GetProperty("id")))
                            .Where(p => p.Id?.Value is JsonString)
                            .Select(p => new CanonicalMember(((JsonString)p.Id!.Value).Value, Prompt(p.Prompt), p.Id!.Value.Start, p.Id.Value.Length));
                        members.Add(CanonicalMember.From(property, CanonicalNode.Object(byId, prompts.Start, prompts.Length)));
                        break;
                    default:
                        members.Add(CanonicalMember.From(property, WithoutDescriptions(property.Value)));
                        break;
                }
            }

            return CanonicalNode.Object(members, root.Start, root.Length);
        }

        private static CanonicalNode Prompt(JsonObject prompt)
        {
            var members = new List<CanonicalMember>();
            foreach (var property in prompt.Properties)
            {
                switch (property.Name)
                {
                    case "id":
                    case "description":
                    case "template_sha256":
                        continue;
                    case "template" when property.Value is JsonString template:
                        members.Add(new CanonicalMember("template_sha256", CanonicalNode.String(Sha256(template.Value), template.Start, template.Length), property.NameStart, property.NameLength));
                        break;
                    case "output_schema":
                        members.Add(CanonicalMember.From(property, SchemaNormalizer.Schema(property.Value)));
                        break;
                    default:
                        members.Add(CanonicalMember.From(property, WithoutDescriptions(property.Value)));
                        break;
                }
            }

            return CanonicalNode.Object(members, prompt.Start, prompt.Length);
        }

        private static CanonicalNode WithoutDescriptions(JsonNode value)
        {
            if (value is JsonObject obj)
            {
                return CanonicalNode.Object(
                    obj.Properties.Where(p => p.Name != "description").Select(p => CanonicalMember.From(p, WithoutDescriptions(p.Value))),
                    obj.Start,
                    obj.Length);
            }

            return value is JsonArray array ? CanonicalNode.Array(array.Items.Select(WithoutDescriptions), array.Start, array.Length) : CanonicalNode.From(value);
        }

        public static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var builder = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}
