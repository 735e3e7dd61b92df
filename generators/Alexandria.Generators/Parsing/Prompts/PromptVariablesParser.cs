using System.Collections.Generic;
using System.Text.RegularExpressions;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>Parses a prompt's <c>variables</c> into typed declarations, in declaration order.</summary>
    internal sealed class PromptVariablesParser
    {
        // The same shape a placeholder can name, so every valid declaration can be used.
        private static readonly Regex NamePattern = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private readonly ContractDocument _document;
        private readonly List<DiagnosticInfo> _diagnostics;

        public PromptVariablesParser(ContractDocument document, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _diagnostics = diagnostics;
        }

        public List<DeclaredVariable> Parse(JsonObject prompt, string label)
        {
            var variables = new List<DeclaredVariable>();
            var node = prompt["variables"];
            if (node is null)
            {
                return variables;
            }

            if (node is not JsonArray array)
            {
                Report(node, label, "variables must be an array of {name, type, description, required}");
                return variables;
            }

            var names = new HashSet<string>();
            var parameterNames = new HashSet<string>();
            foreach (var item in array.Items)
            {
                if (item is not JsonObject declaration || declaration["name"] is not JsonString name)
                {
                    Report(item, label, "each variable must be an object with a 'name' string");
                    continue;
                }

                if (!NamePattern.IsMatch(name.Value))
                {
                    Report(name, label, $"variable name '{name.Value}' cannot appear in a {{{{placeholder}}}}; use letters, digits and underscores");
                    continue;
                }

                if (!names.Add(name.Value))
                {
                    Report(name, label, $"variable '{name.Value}' is declared more than once");
                    continue;
                }

                var spec = new PromptVariableSpec(
                    name.Value,
                    CSharpNaming.Unique(CSharpNaming.ToCamelCase(name.Value), parameterNames),
                    ReadType(declaration, name, label),
                    ReadRequired(declaration, name.Value, label),
                    HasDefault: false,
                    declaration.GetString("description") ?? "",
                    ReadVolatility(declaration, name.Value, label));
                variables.Add(new DeclaredVariable(spec, name));
            }

            // C# allows defaults only on trailing parameters; an optional variable declared before a
            // required one stays nullable but must be passed, which keeps declaration order intact.
            var trailingOptional = true;
            for (var i = variables.Count - 1; i >= 0; i--)
            {
                trailingOptional &= !variables[i].Spec.Required;
                variables[i].Spec = variables[i].Spec with { HasDefault = trailingOptional };
            }

            return variables;
        }

        private PromptVariableType ReadType(JsonObject declaration, JsonString name, string label)
        {
            var node = declaration["type"];
            switch ((node as JsonString)?.Value)
            {
                case "string": return PromptVariableType.String;
                case "integer": return PromptVariableType.Integer;
                case "number": return PromptVariableType.Number;
                case "boolean": return PromptVariableType.Boolean;
                case "string_list": return PromptVariableType.StringList;
            }

            var written = node is JsonString s ? $"unknown type '{s.Value}'" : "no type";
            Report(node ?? name, label, $"variable '{name.Value}' has {written}; use string, integer, number, boolean or string_list");
            return PromptVariableType.String;
        }

        private bool ReadRequired(JsonObject declaration, string name, string label)
        {
            var node = declaration["required"];
            switch (node?.Kind)
            {
                case null: return true;
                case JsonNodeKind.True: return true;
                case JsonNodeKind.False: return false;
                default:
                    Report(node, label, $"'required' of variable '{name}' must be true or false");
                    return true;
            }
        }

        private string ReadVolatility(JsonObject declaration, string name, string label)
        {
            var node = declaration["volatility"];
            if (node is null)
            {
                return "";
            }

            if (node is JsonString s && (s.Value == "static" || s.Value == "run" || s.Value == "snapshot" || s.Value == "step"))
            {
                return s.Value;
            }

            Report(node, label, $"volatility of variable '{name}' must be static, run, snapshot or step");
            return "";
        }

        private void Report(JsonNode at, string label, string problem)
            => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidPrompt, at, label, problem));
    }
}
