using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;
using Alexandria.Generators.Parsing.References;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>
    /// Turns a prompts manifest into a <see cref="PromptManifestModel"/>: reads the rendering rules,
    /// parses each prompt and reports manifest-wide problems (duplicate ids, colliding class names).
    /// A prompt too broken to emit is reported and left out; the rest still generate.
    /// </summary>
    internal static class PromptManifestParser
    {
        public static PromptManifestModel Parse(ContractFile file, EquatableArray<SchemaExport> exports)
        {
            // Invalid JSON and duplicate members were reported when the file was classified; not again here.
            var document = ContractDocument.Load(file, new List<DiagnosticInfo>());

            if (document?.Root is not JsonObject root || root["prompts"] is not JsonArray promptArray)
            {
                return PromptManifestModel.Empty(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);
            }

            var diagnostics = new List<DiagnosticInfo>();
            var manifestVersion = ReadManifestVersion(document, root, diagnostics);
            var rendering = RenderingRulesParser.Parse(root["rendering"]);
            var resolver = new ExportResolver(exports);

            var prompts = new List<PromptSpec>();
            var ids = new HashSet<string>();
            var classNames = new Dictionary<string, string>();
            for (var i = 0; i < promptArray.Items.Count; i++)
            {
                var spec = new PromptParser(document, resolver, diagnostics).Parse(promptArray.Items[i], i, out var idNode);
                if (spec is null)
                {
                    continue;
                }

                if (!ids.Add(spec.Id))
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.DuplicatePromptId, idNode!, spec.Id));
                    continue;
                }

                if (classNames.TryGetValue(spec.ClassName, out var other))
                {
                    diagnostics.Add(document.Diagnostic(
                        DiagnosticDescriptors.InvalidPrompt, idNode!, spec.Id,
                        $"its accessor class '{spec.ClassName}' is the same as prompt '{other}''s; choose an id that differs in more than underscores"));
                    continue;
                }

                classNames.Add(spec.ClassName, spec.Id);
                prompts.Add(spec);
            }

            return new PromptManifestModel(file.FileName, file.Namespace, manifestVersion, rendering, prompts.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        public static PromptManifestModel Failed(ContractFile file, DiagnosticInfo failure)
            => PromptManifestModel.Empty(file.FileName, file.Namespace, new EquatableArray<DiagnosticInfo>(new[] { failure }));

        private static string ReadManifestVersion(ContractDocument document, JsonObject root, List<DiagnosticInfo> diagnostics)
        {
            var property = root.GetProperty("manifest_version");
            if (property is null)
            {
                return "";
            }

            if (property.Value is not JsonString version || !SemanticVersion.IsValid(version.Value))
            {
                diagnostics.Add(document.Diagnostic(
                    DiagnosticDescriptors.InvalidPrompt, property.Value, "(manifest)",
                    "manifest_version must be a semantic version such as '1.0.0'"));
                return "";
            }

            return version.Value;
        }
    }
}
