using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Text;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>A closed union of the contracts: its C# name, discriminator and cases.</summary>
    internal sealed class ContractUnion
    {
        public ContractUnion(string typeName, string discriminator, IReadOnlyList<(string TypeName, string Value)> cases)
        {
            TypeName = typeName;
            Discriminator = discriminator;
            Cases = cases;
        }

        public string TypeName { get; }

        /// <summary>The JSON name of the discriminator member (e.g. <c>kind</c>).</summary>
        public string Discriminator { get; }

        public IReadOnlyList<(string TypeName, string Value)> Cases { get; }
    }

    /// <summary>What a contract says about one property, as far as a literal in C# can be checked against it.</summary>
    internal sealed class PropertyConstraint
    {
        public string JsonName { get; set; } = "";

        public decimal? Minimum { get; set; }

        public decimal? Maximum { get; set; }

        public decimal? ExclusiveMinimum { get; set; }

        public decimal? ExclusiveMaximum { get; set; }

        public int? MinLength { get; set; }

        public int? MaxLength { get; set; }

        public string? Pattern { get; set; }

        public string? Const { get; set; }
    }

    /// <summary>
    /// The names and bounds the usage analyzers check user code against, read from the contract files
    /// (AdditionalFiles marked <c>AlexandriaContract</c> <c>true</c> or <c>reference</c>) with the located
    /// JSON parser, not from generated code, so it holds in projects that only consume the types.
    /// </summary>
    internal sealed class ContractCatalog
    {
        private const string MetadataKey = "build_metadata.AdditionalFiles.AlexandriaContract";

        public static readonly ContractCatalog Empty = new ContractCatalog();

        public List<ContractUnion> Unions { get; } = new List<ContractUnion>();

        public SortedSet<string> OperationIds { get; } = new SortedSet<string>(StringComparer.Ordinal);

        public SortedSet<string> PromptIds { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>C# type name → C# property name → constraint.</summary>
        public Dictionary<string, Dictionary<string, PropertyConstraint>> Properties { get; } = new Dictionary<string, Dictionary<string, PropertyConstraint>>(StringComparer.Ordinal);

        public bool IsEmpty => Unions.Count == 0 && OperationIds.Count == 0 && PromptIds.Count == 0 && Properties.Count == 0;

        /// <summary>Every value of every union discriminator named <paramref name="discriminator"/>.</summary>
        public IReadOnlyList<string> DiscriminatorValues(string discriminator)
            => Unions.Where(u => u.Discriminator == discriminator).SelectMany(u => u.Cases.Select(c => c.Value)).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();

        public static ContractCatalog Load(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var catalog = new ContractCatalog();
            foreach (var file in options.AdditionalFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                if (!options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var flag)
                    || !(string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(flag, "reference", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken)?.ToString();
                if (text is null)
                {
                    continue;
                }

                try
                {
                    catalog.Add(JsonDocumentParser.Parse(text, out _));
                }
                catch (JsonParseException)
                {
                    // The generator reports it (ALX0001); analyzers check against what they can read.
                }
            }

            return catalog;
        }

        /// <summary>Adds one parsed contract file; exposed for tests.</summary>
        public void Add(JsonNode root)
        {
            if (root is not JsonObject obj)
            {
                return;
            }

            if (obj["openapi"] is JsonString)
            {
                AddOpenApi(obj);
            }
            else if (obj["prompts"] is JsonArray prompts)
            {
                foreach (var prompt in prompts.Items.OfType<JsonObject>())
                {
                    if (prompt.GetString("id") is string id)
                    {
                        PromptIds.Add(id);
                    }
                }
            }
            else if (obj["$defs"] is JsonObject defs && obj["lock_version"] is null)
            {
                AddSchema(defs);
            }
        }

        private void AddOpenApi(JsonObject root)
        {
            if (root["paths"] is not JsonObject paths)
            {
                return;
            }

            foreach (var item in paths.Properties.Select(p => p.Value).OfType<JsonObject>())
            {
                foreach (var operation in item.Properties.Select(p => p.Value).OfType<JsonObject>())
                {
                    if (operation.GetString("operationId") is string id)
                    {
                        OperationIds.Add(id);
                    }
                }
            }
        }

        private void AddSchema(JsonObject defs)
        {
            foreach (var def in defs.Properties)
            {
                if (def.Value is not JsonObject schema)
                {
                    continue;
                }

                var typeName = SchemaNaming.TypeName(def.Name, schema.GetString(SchemaNaming.NameOverrideKeyword));
                if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray cases)
                {
                    AddUnion(defs, schema, typeName, cases);
                }

                var properties = new Dictionary<string, PropertyConstraint>(StringComparer.Ordinal);
                foreach (var (jsonName, propertySchema) in PropertiesOf(defs, schema, depth: 0))
                {
                    var constraint = Constraint(jsonName, propertySchema);
                    if (constraint is not null)
                    {
                        properties[CSharpNaming.ToPascalCase(jsonName)] = constraint;
                    }
                }

                if (properties.Count > 0)
                {
                    Properties[typeName] = properties;
                }
            }
        }

        private void AddUnion(JsonObject defs, JsonObject union, string typeName, JsonArray cases)
        {
            var resolved = cases.Items
                .Select(c => c is JsonObject o && LocalDefinition(o.GetString("$ref")) is string key && defs[key] is JsonObject target ? (Key: key, Schema: target) : default)
                .ToList();
            if (resolved.Any(r => r.Schema is null))
            {
                return;
            }

            var discriminator = union.GetString("x-alexandria-discriminator")
                ?? PropertiesOf(defs, resolved[0].Schema, 0).Select(p => p.Name).FirstOrDefault(name => resolved.All(r => ConstOf(defs, r.Schema, name) is not null));
            if (discriminator is null)
            {
                return;
            }

            var unionCases = new List<(string TypeName, string Value)>();
            foreach (var (key, schema) in resolved)
            {
                if (ConstOf(defs, schema, discriminator) is not string value)
                {
                    return;
                }

                unionCases.Add((SchemaNaming.TypeName(key, schema.GetString(SchemaNaming.NameOverrideKeyword)), value));
            }

            Unions.Add(new ContractUnion(typeName, discriminator, unionCases));
        }

        private static string? ConstOf(JsonObject defs, JsonObject schema, string property)
            => PropertiesOf(defs, schema, 0).Where(p => p.Name == property).Select(p => p.Schema.GetString("const")).FirstOrDefault(c => c is not null);

        /// <summary>A schema's own properties plus those it includes through <c>allOf</c> local refs (and, for a union, its first case's).</summary>
        private static IEnumerable<(string Name, JsonObject Schema)> PropertiesOf(JsonObject defs, JsonObject schema, int depth)
        {
            if (depth > 8)
            {
                yield break;
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var property in properties.Properties)
                {
                    if (property.Value is JsonObject propertySchema)
                    {
                        yield return (property.Name, propertySchema);
                    }
                }
            }

            var includes = (schema["allOf"] as JsonArray)?.Items ?? Array.Empty<JsonNode>();
            if (schema["oneOf"] is JsonArray { Items.Count: > 0 } oneOf)
            {
                includes = includes.Concat(new[] { oneOf.Items[0] }).ToList();
            }

            foreach (var include in includes.OfType<JsonObject>())
            {
                if (LocalDefinition(include.GetString("$ref")) is string key && defs[key] is JsonObject target)
                {
                    foreach (var inherited in PropertiesOf(defs, target, depth + 1))
                    {
                        yield return inherited;
                    }
                }
            }
        }

        private static PropertyConstraint? Constraint(string jsonName, JsonObject schema)
        {
            var constraint = new PropertyConstraint
            {
                JsonName = jsonName,
                Minimum = Number(schema["minimum"]),
                Maximum = Number(schema["maximum"]),
                ExclusiveMinimum = Number(schema["exclusiveMinimum"]),
                ExclusiveMaximum = Number(schema["exclusiveMaximum"]),
                MinLength = (int?)Number(schema["minLength"]),
                MaxLength = (int?)Number(schema["maxLength"]),
                Pattern = schema.GetString("pattern"),
                Const = schema.GetString("const"),
            };
            return constraint;
        }

        private static decimal? Number(JsonNode? node)
            => node is JsonNumber n && decimal.TryParse(n.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;

        private static string? LocalDefinition(string? reference)
        {
            const string Prefix = "#/$defs/";
            return reference is not null && reference.StartsWith(Prefix, StringComparison.Ordinal) && reference.IndexOf('/', Prefix.Length) < 0
                ? reference.Substring(Prefix.Length).Replace("~1", "/").Replace("~0", "~")
                : null;
        }

        /// <summary>The contract's names closest to <paramref name="value"/>, nearest first (case-insensitive edit distance).</summary>
        public static string? Nearest(string value, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates.OrderBy(c => c, StringComparer.Ordinal))
            {
                var distance = EditDistance.Levenshtein(value.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }
    }
}
