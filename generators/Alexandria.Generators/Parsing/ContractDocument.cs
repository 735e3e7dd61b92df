using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Parsing
{
    /// <summary>
    /// A contract file parsed into a located JSON tree, with the means to turn any node into a
    /// <see cref="SourceLocation"/>. Lives only inside one transform step; models never hold it.
    /// </summary>
    internal sealed class ContractDocument
    {
        private ContractDocument(ContractFile file, SourceText text, JsonNode root)
        {
            File = file;
            Text = text;
            Root = root;
        }

        public ContractFile File { get; }

        public SourceText Text { get; }

        public JsonNode Root { get; }

        /// <summary>
        /// Parses <paramref name="file"/> (YAML for <c>.yaml</c>/<c>.yml</c>, JSON otherwise); on invalid text
        /// returns null and adds ALX0001 (ALX0005 for YAML) at the offending character. Duplicate members are reported as ALX0002 but do not stop parsing.
        /// </summary>
        public static ContractDocument? Load(ContractFile file, List<DiagnosticInfo> diagnostics)
        {
            var text = SourceText.From(file.Text);
            var yaml = YamlDocumentParser.IsYamlPath(file.Path);
            try
            {
                IReadOnlyList<JsonProperty> duplicates;
                var root = yaml ? YamlDocumentParser.Parse(file.Text, out duplicates) : JsonDocumentParser.Parse(file.Text, out duplicates);
                var document = new ContractDocument(file, text, root);
                foreach (var duplicate in duplicates)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.DuplicateMember,
                        document.LocateName(duplicate),
                        duplicate.Name));
                }

                return document;
            }
            catch (JsonParseException e)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    yaml ? DiagnosticDescriptors.InvalidYaml : DiagnosticDescriptors.InvalidJson,
                    SourceLocation.From(file.Path, text, e.Offset, e.Offset < file.Text.Length ? 1 : 0),
                    file.FileName,
                    e.Message));
                return null;
            }
        }

        /// <summary>
        /// The document as the schema areas read it: a JSON Schema contract as it is, an OpenAPI document as its
        /// <see cref="OpenApi.OpenApiSchemaView"/> (every schema a <c>$defs</c> entry, located in the original text).
        /// Parse errors were reported at classification; <paramref name="viewDiagnostics"/> gets the view's own.
        /// </summary>
        public static ContractDocument? LoadSchemas(ContractFile file, List<DiagnosticInfo> viewDiagnostics)
            => SchemasOf(file, Load(file, new List<DiagnosticInfo>()), viewDiagnostics);

        /// <summary><see cref="LoadSchemas"/> of a document already parsed (once, at classification).</summary>
        public static ContractDocument? SchemasOf(ContractFile file, ContractDocument? document, List<DiagnosticInfo> viewDiagnostics)
        {
            if (document is null || document.DetectKind() != ContractKind.OpenApi || file.IsValidatorOnly)
            {
                return document;
            }

            return new ContractDocument(file, document.Text, OpenApi.OpenApiSchemaView.Collect(document).Build(viewDiagnostics));
        }

        /// <summary>Where a whole value is; long values are cut to their first line so the squiggle stays readable.</summary>
        public SourceLocation Locate(JsonNode node)
        {
            var length = node.Length;
            var newline = File.Text.IndexOf('\n', node.Start, node.Length);
            if (newline >= 0)
            {
                length = newline - node.Start;
            }

            return SourceLocation.From(File.Path, Text, node.Start, length);
        }

        /// <summary>Where a member's name is: the place to point at for a problem with the member as a whole.</summary>
        public SourceLocation LocateName(JsonProperty property)
            => SourceLocation.From(File.Path, Text, property.NameStart, property.NameLength);

        public DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, JsonNode at, params string[] args)
            => DiagnosticInfo.Create(descriptor, Locate(at), args);

        public DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, JsonProperty at, params string[] args)
            => DiagnosticInfo.Create(descriptor, LocateName(at), args);

        /// <summary>Decides what a contract is from its shape, not its name, so users can name files freely.</summary>
        public ContractKind DetectKind()
        {
            if (Root is not JsonObject obj)
            {
                return ContractKind.Unknown;
            }

            if (obj["openapi"] is JsonString || obj["swagger"] is JsonString)
            {
                return ContractKind.OpenApi;
            }

            if (obj["prompts"] is JsonArray)
            {
                return ContractKind.PromptManifest;
            }

            if (obj["lock_version"] is not null)
            {
                return ContractKind.Lock;
            }

            if (obj["$defs"] is JsonObject || (obj.GetString("$schema") ?? "").Contains("json-schema.org"))
            {
                return ContractKind.JsonSchema;
            }

            return ContractKind.Unknown;
        }
    }
}
