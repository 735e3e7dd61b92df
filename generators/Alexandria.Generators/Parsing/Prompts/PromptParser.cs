using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Emitting.Prompts;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;
using Alexandria.Generators.Parsing.References;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>
    /// Parses one prompt of a manifest and checks it against its own template: the content hash,
    /// placeholders against declarations, cache breakpoints against the template. Every problem is
    /// reported where it is in the file; a prompt is dropped only when it cannot be emitted at all.
    /// </summary>
    internal sealed class PromptParser
    {
        private static readonly Regex IdPattern = new Regex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant);

        private readonly ContractDocument _document;
        private readonly ExportResolver _resolver;
        private readonly List<DiagnosticInfo> _diagnostics;

        public PromptParser(ContractDocument document, ExportResolver resolver, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _resolver = resolver;
            _diagnostics = diagnostics;
        }

        public PromptSpec? Parse(JsonNode node, int index, out JsonString? idNode)
        {
            idNode = null;
            var position = "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (node is not JsonObject prompt)
            {
                Report(node, position, "each entry of 'prompts' must be a JSON object");
                return null;
            }

            if (prompt["id"] is not JsonString id || id.Value.Length == 0)
            {
                Report(prompt["id"] ?? prompt, position, "it has no 'id' string; the id names the accessor class");
                return null;
            }

            idNode = id;
            var label = id.Value;
            if (!IdPattern.IsMatch(label))
            {
                Report(id, label, "the id must be snake_case ([a-z][a-z0-9_]*, at most 64 characters) because it names the accessor class");
            }

            var className = CSharpNaming.ToPascalCase(label) + "Prompt";
            if (className == PromptSupportNames.RenderedPrompt)
            {
                Report(id, label, $"its accessor class would be '{className}', which Alexandria reserves for rendered prompts; choose another id");
                return null;
            }

            if (prompt["template"] is not JsonString template)
            {
                Report(prompt["template"] ?? id, label, "it has no 'template' string");
                return null;
            }

            var version = ReadVersion(prompt, id, label);
            var kind = ReadKind(prompt, label);
            var role = ReadRole(prompt, label);
            var contentHash = TemplateHash.Compute(template.Value);
            CheckHash(prompt, id, label, contentHash);

            var locator = new TemplateLocator(_document, template);
            var segments = TemplateScanner.Scan(template.Value);
            var variables = new PromptVariablesParser(_document, _diagnostics).Parse(prompt, label);
            segments = CheckPlaceholders(segments, variables, locator, label);

            var breakpoints = new CacheBreakpointsParser(_document, _diagnostics).Parse(prompt, label, segments, variables);
            CheckVolatility(segments, variables, breakpoints, locator, label);

            var (outputRef, outputType) = ReadOutputSchema(prompt, label);

            return new PromptSpec(
                label,
                className,
                version,
                kind,
                role,
                prompt.GetString("description") ?? "",
                template.Value,
                contentHash,
                variables.Select(v => v.Spec).ToEquatableArray(),
                segments.ToEquatableArray(),
                breakpoints.ToEquatableArray(),
                outputRef,
                outputType);
        }

        private string ReadVersion(JsonObject prompt, JsonString id, string label)
        {
            if (prompt["version"] is not JsonString version)
            {
                Report(prompt["version"] ?? id, label, "it has no 'version' string; give it a semantic version such as '1.0.0'");
                return "";
            }

            if (!SemanticVersion.IsValid(version.Value))
            {
                Report(version, label, $"version '{version.Value}' is not a semantic version such as '1.0.0'");
            }

            return version.Value;
        }

        private string ReadKind(JsonObject prompt, string label)
        {
            // Manifests that predate 'kind' hold model prompts only.
            var node = prompt["kind"];
            if (node is null)
            {
                return "model_prompt";
            }

            if (node is JsonString kind && (kind.Value == "model_prompt" || kind.Value == "code_template"))
            {
                return kind.Value;
            }

            Report(node, label, "kind must be 'model_prompt' or 'code_template'");
            return "model_prompt";
        }

        private string? ReadRole(JsonObject prompt, string label)
        {
            var node = prompt["role"];
            if (node is null || node.Kind == JsonNodeKind.Null)
            {
                return null;
            }

            if (node is JsonString role && role.Value.Length > 0)
            {
                return role.Value;
            }

            Report(node, label, "role must be a message role such as 'system' or 'user', or null for a code template");
            return null;
        }

        private void CheckHash(JsonObject prompt, JsonString id, string label, string contentHash)
        {
            var node = prompt["template_sha256"];
            if (node is null)
            {
                Report(id, label, $"it has no 'template_sha256'; set it to '{contentHash}'");
                return;
            }

            var declared = node is JsonString s ? s.Value : "";
            if (!string.Equals(declared, contentHash, System.StringComparison.OrdinalIgnoreCase))
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.PromptHashMismatch, node, label, declared, contentHash));
            }
        }

        /// <summary>
        /// Reports placeholders with no declaration and declarations with no placeholder. An undeclared
        /// placeholder is kept as literal text so the accessor still compiles while the error stands.
        /// </summary>
        private List<TemplateSegment> CheckPlaceholders(List<TemplateSegment> segments, List<DeclaredVariable> variables, TemplateLocator locator, string label)
        {
            var declared = new HashSet<string>(variables.Select(v => v.Spec.Name));
            var used = new HashSet<string>();
            var checkedSegments = new List<TemplateSegment>(segments.Count);
            foreach (var segment in segments)
            {
                if (segment.Variable is null || declared.Contains(segment.Variable))
                {
                    if (segment.Variable is not null)
                    {
                        used.Add(segment.Variable);
                    }

                    checkedSegments.Add(segment);
                    continue;
                }

                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UndeclaredTemplateVariable,
                    locator.Locate(segment.TemplateOffset, segment.Text.Length),
                    label,
                    segment.Variable));
                checkedSegments.Add(new TemplateSegment(segment.Text, null, segment.TemplateOffset));
            }

            foreach (var variable in variables.Where(v => !used.Contains(v.Spec.Name)))
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnusedTemplateVariable, variable.NameNode, label, variable.Spec.Name));
            }

            return MergeLiterals(checkedSegments);
        }

        /// <summary>Nothing that changes every step may sit inside the cached prefix (DOMAIN §6).</summary>
        private void CheckVolatility(List<TemplateSegment> segments, List<DeclaredVariable> variables, List<CacheBreakpointSpec> breakpoints, TemplateLocator locator, string label)
        {
            if (breakpoints.Count == 0)
            {
                return;
            }

            var last = breakpoints[breakpoints.Count - 1];
            var perStep = new HashSet<string>(variables.Where(v => v.Spec.Volatility == "step").Select(v => v.Spec.Name));
            foreach (var segment in segments.Where(s => s.Variable is not null && s.TemplateOffset < last.TemplateOffset && perStep.Contains(s.Variable!)))
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidPrompt,
                    locator.Locate(segment.TemplateOffset, segment.Text.Length),
                    label,
                    $"variable '{segment.Variable}' changes every step (volatility 'step') but appears before the last cache breakpoint '{last.Name}', so the cached prefix would never be reused; move it after the breakpoint"));
            }
        }

        private (string? Reference, string? TypeName) ReadOutputSchema(JsonObject prompt, string label)
        {
            var node = prompt["output_schema"];
            if (node is null || node.Kind == JsonNodeKind.Null)
            {
                return (null, null);
            }

            if (node is not JsonObject schema || schema["$ref"] is not JsonString reference)
            {
                Report(node, label, "output_schema must be null or {\"$ref\": \"file.json#/$defs/name\"} naming a schema definition");
                return (null, null);
            }

            if (!_resolver.TryResolve(reference.Value, out var export, out var reason))
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value, reason));
                return (reference.Value, null);
            }

            return (reference.Value, export.TypeName);
        }

        private static List<TemplateSegment> MergeLiterals(List<TemplateSegment> segments)
        {
            var merged = new List<TemplateSegment>(segments.Count);
            foreach (var segment in segments)
            {
                var previous = merged.Count > 0 ? merged[merged.Count - 1] : null;
                if (previous is not null && !previous.IsPlaceholder && !segment.IsPlaceholder)
                {
                    merged[merged.Count - 1] = previous with { Text = previous.Text + segment.Text };
                    continue;
                }

                merged.Add(segment);
            }

            return merged;
        }

        private void Report(JsonNode at, string label, string problem)
            => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidPrompt, at, label, problem));
    }
}
