using System.Linq;
using Alexandria.Generators.Model.Validation;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// Emits, per schema file, a catalogue that finds a validator by its definition name
    /// (<c>OutputSchemaValidators.TryValidate("evidence_pointer", json, out result)</c>), for tools that
    /// pick the schema at run time — a CLI validating example files, a server routing bodies. It is a
    /// generated switch over the definitions, not a reflection lookup.
    /// </summary>
    internal static class ValidatorCatalogEmitter
    {
        private const string DefinitionsPrefix = "#/$defs/";

        public static string ClassName(string fileName) => SchemaNaming.RootValidatorName(fileName) + "s";

        /// <summary>Validator-only files (a root schema, no <c>$defs</c>) need no catalogue.</summary>
        public static bool HasDefinitions(ValidatorModel model)
        {
            // The test Definitions applies, without building the list: a pointer's "~1" unescapes to '/'.
            foreach (var entry in model.Entries)
            {
                var pointer = entry.SchemaPointer;
                if (pointer.StartsWith(DefinitionsPrefix, System.StringComparison.Ordinal)
                    && pointer.IndexOf('/', DefinitionsPrefix.Length) < 0
                    && pointer.IndexOf("~1", DefinitionsPrefix.Length, System.StringComparison.Ordinal) < 0)
                {
                    return true;
                }
            }

            return false;
        }

        public static SourceText Emit(ValidatorModel model)
        {
            var entries = Definitions(model);
            var validation = SchemaNaming.ValidationNamespace(model.Namespace);
            var result = "global::" + validation + ".ValidationResult";
            var options = "global::" + validation + ".ValidationOptions";

            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock($"namespace {model.Namespace}"))
            {
                w.Line($"/// <summary>The validators of {model.FileName}, found by definition name.</summary>");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock($"public static partial class {ClassName(model.FileName)}"))
                {
                    w.Line($"/// <summary>Every definition of {model.FileName} that has a validator, in ordinal order.</summary>");
                    w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> Definitions {{ get; }} = global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", entries.Select(e => CSharpNaming.Literal(e.Name)))} }});");
                    w.Line();
                    w.Line("/// <summary>Validates <paramref name=\"instance\"/> against the definition named <paramref name=\"definition\"/>; false when no such definition exists.</summary>");
                    using (w.OpenBlock($"public static bool TryValidate(string definition, global::System.Text.Json.JsonElement instance, out {result} result, {options}? options = null)"))
                    {
                        EmitSwitch(w, entries, "instance", result);
                    }

                    w.Line();
                    w.Line("/// <summary>Parses and validates UTF-8 JSON against the definition named <paramref name=\"definition\"/>; false when no such definition exists.</summary>");
                    using (w.OpenBlock($"public static bool TryValidate(string definition, global::System.ReadOnlySpan<byte> utf8, out {result} result, {options}? options = null)"))
                    {
                        EmitSwitch(w, entries, "utf8", result);
                    }

                    w.Line();
                    w.Line("/// <summary>Whether UTF-8 JSON is valid against the definition named <paramref name=\"definition\"/>, by the validator's <c>IsValid(ReadOnlySpan&lt;byte&gt;)</c>; false when no such definition exists.</summary>");
                    using (w.OpenBlock($"public static bool TryIsValid(string definition, global::System.ReadOnlySpan<byte> utf8, out bool isValid, {options}? options = null)"))
                    {
                        using (w.OpenBlock("switch (definition)"))
                        {
                            foreach (var (name, className) in entries)
                            {
                                w.Line($"case {CSharpNaming.Literal(name)}: isValid = {className}.IsValid(utf8, options); return true;");
                            }

                            w.Line("default: isValid = false; return false;");
                        }
                    }
                }
            }

            return w.ToSourceText();
        }

        private static System.Collections.Generic.List<(string Name, string ClassName)> Definitions(ValidatorModel model)
            => model.Entries
                .Where(e => e.SchemaPointer.StartsWith(DefinitionsPrefix, System.StringComparison.Ordinal))
                .Select(e => (Name: Unescape(e.SchemaPointer.Substring(DefinitionsPrefix.Length)), e.ClassName))
                .Where(e => e.Name.IndexOf('/') < 0)
                .OrderBy(e => e.Name, System.StringComparer.Ordinal)
                .ToList();

        private static void EmitSwitch(SourceWriter w, System.Collections.Generic.List<(string Name, string ClassName)> entries, string argument, string result)
        {
            using (w.OpenBlock("switch (definition)"))
            {
                foreach (var (name, className) in entries)
                {
                    w.Line($"case {CSharpNaming.Literal(name)}: result = {className}.Validate({argument}, options); return true;");
                }

                w.Line("default: result = null!; return false;");
            }
        }

        private static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");
    }
}
