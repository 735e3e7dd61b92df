using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>
    /// Parses a prompt's cache breakpoints and places each one in the template: immediately before the
    /// first occurrence of the variable it names. Enforces the provider limit and template order.
    /// </summary>
    internal sealed class CacheBreakpointsParser
    {
        /// <summary>Providers honour at most four cache breakpoints per request (DOMAIN §6).</summary>
        public const int MaxBreakpoints = 4;

        private readonly ContractDocument _document;
        private readonly List<DiagnosticInfo> _diagnostics;

        public CacheBreakpointsParser(ContractDocument document, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _diagnostics = diagnostics;
        }

        public List<CacheBreakpointSpec> Parse(JsonObject prompt, string label, List<TemplateSegment> segments, List<DeclaredVariable> variables)
        {
            var breakpoints = new List<CacheBreakpointSpec>();
            var node = prompt["cache_breakpoints"];
            if (node is null || node.Kind == JsonNodeKind.Null)
            {
                return breakpoints;
            }

            if (node is not JsonArray array)
            {
                Report(node, label, "cache_breakpoints must be an array of {name, before_variable}");
                return breakpoints;
            }

            if (array.Items.Count > MaxBreakpoints)
            {
                Report(array.Items[MaxBreakpoints], label, string.Format(
                    CultureInfo.InvariantCulture,
                    "it declares {0} cache breakpoints but providers honour at most {1}; merge or remove breakpoints",
                    array.Items.Count,
                    MaxBreakpoints));
            }

            var declared = new HashSet<string>(variables.Select(v => v.Spec.Name));
            var names = new HashSet<string>();
            var constNames = new HashSet<string>();
            var previousOffset = -1;
            foreach (var item in array.Items.Take(MaxBreakpoints))
            {
                if (item is not JsonObject breakpoint || breakpoint["name"] is not JsonString name || breakpoint["before_variable"] is not JsonString before)
                {
                    Report(item, label, "each cache breakpoint must be an object with 'name' and 'before_variable' strings");
                    continue;
                }

                if (!names.Add(name.Value))
                {
                    Report(name, label, $"cache breakpoint '{name.Value}' is declared more than once");
                    continue;
                }

                var segmentIndex = segments.FindIndex(s => s.Variable == before.Value);
                if (segmentIndex < 0)
                {
                    Report(before, label, declared.Contains(before.Value)
                        ? $"cache breakpoint '{name.Value}' is placed before variable '{before.Value}', which the template never uses"
                        : $"cache breakpoint '{name.Value}' is placed before variable '{before.Value}', which is not declared");
                    continue;
                }

                var offset = segments[segmentIndex].TemplateOffset;
                if (offset <= previousOffset)
                {
                    Report(before, label, $"cache breakpoint '{name.Value}' must come later in the template than the breakpoint listed before it; list breakpoints in template order, one per place");
                    continue;
                }

                previousOffset = offset;
                var constName = CSharpNaming.Unique(CSharpNaming.ToPascalCase(name.Value), constNames);
                breakpoints.Add(new CacheBreakpointSpec(name.Value, constName, before.Value, offset, segmentIndex, OnlyRunValuesBefore(segmentIndex, segments, variables)));
            }

            return breakpoints;
        }

        /// <summary>True when every placeholder before the segment names a <c>static</c> or <c>run</c> variable.</summary>
        private static bool OnlyRunValuesBefore(int segmentIndex, List<TemplateSegment> segments, List<DeclaredVariable> variables)
            => segments.Take(segmentIndex).Where(s => s.IsPlaceholder).All(s =>
                variables.FirstOrDefault(v => v.Spec.Name == s.Variable)?.Spec.Volatility is "static" or "run");

        private void Report(JsonNode at, string label, string problem)
            => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidPrompt, at, label, problem));
    }
}
