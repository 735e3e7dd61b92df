using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting.Validation.Streaming;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// Emits, per schema file, the compiled subschemas (one internal class in the validation namespace) and
    /// one public validator class per entry, e.g. <c>output_schema.EvidencePointerValidator.g.cs</c>.
    /// </summary>
    internal static class ValidatorEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(ValidatorModel model)
        {
            if (model.Entries.Count == 0)
            {
                yield break;
            }

            // The streaming half is written before anything is yielded: should it fail, the file gets no validators
            // at all (and ALX0004) rather than validators calling methods that were never emitted.
            var analysis = new StreamingAnalysis(model);
            var streaming = StreamingEmitter.Methods(model, analysis);
            var streamingText = streaming.Count > 0 ? StreamingEmitter.Emit(model, analysis, streaming) : null;
            yield return new GeneratedSource(CSharpNaming.HintName(model.FileName, model.CompiledClassName), EmitCompiled(model));
            if (streamingText is not null)
            {
                yield return new GeneratedSource(CSharpNaming.HintName(model.FileName, model.CompiledClassName, ".Streaming"), streamingText);
            }

            var validation = "global::" + SchemaNaming.ValidationNamespace(model.Namespace);
            foreach (var entry in model.Entries)
            {
                yield return new GeneratedSource(CSharpNaming.HintName(model.FileName, entry.ClassName), EmitValidator(model, validation, entry, analysis.Streams(entry.Method)));
            }

            if (ValidatorCatalogEmitter.HasDefinitions(model))
            {
                yield return new GeneratedSource(CSharpNaming.HintName(model.FileName, ValidatorCatalogEmitter.ClassName(model.FileName)), ValidatorCatalogEmitter.Emit(model));
            }
        }

        private static SourceText EmitCompiled(ValidatorModel model)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock($"namespace {SchemaNaming.ValidationNamespace(model.Namespace)}"))
            {
                w.Line($"/// <summary>The subschemas of {model.FileName} compiled to methods, shared by its validators. No schema is read at run time.</summary>");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                using (w.OpenBlock($"internal static partial class {model.CompiledClassName}"))
                {
                    EmitTables(w, model);
                    foreach (var method in model.Methods)
                    {
                        SchemaMethodEmitter.Emit(w, model, method);
                        w.Line();
                    }
                }
            }

            return w.ToSourceText();
        }

        private static void EmitTables(SourceWriter w, ValidatorModel model)
        {
            for (var i = 0; i < model.Constants.Count; i++)
            {
                var constant = model.Constants[i];
                if (constant.StringValue is null && constant.Json is not ("null" or "true" or "false"))
                {
                    w.Line($"private static readonly {SchemaMethodEmitter.Element} K{SchemaMethodEmitter.Int(i)} = JsonValues.Parse({SchemaMethodEmitter.Lit(constant.Json)});");
                }
            }

            // Regexes are built on first use: a generator's output cannot use [GeneratedRegex], because source
            // generators do not see each other's output. Linear (NonBacktracking) where the pattern allows it, except
            // the simple form (ASCII classes with counts, greedy the only match): linear on the compiled backtracking
            // engine too, which runs it about twice as fast. Every match has the time limit (PatternMatching).
            for (var i = 0; i < model.Patterns.Count; i++)
            {
                var index = SchemaMethodEmitter.Int(i);
                var pattern = model.Patterns[i];
                var linear = LinearPatterns.Allow(pattern) && SimplePattern.Parse(pattern) is null;
                w.Line($"private static global::System.Text.RegularExpressions.Regex? s_p{index};");
                w.Line($"private static global::System.Text.RegularExpressions.Regex P{index} => s_p{index} ??= PatternMatching.Create({SchemaMethodEmitter.Lit(pattern)}, linear: {(linear ? "true" : "false")});");
            }

            var names = model.DynamicAnchors.Select(d => d.Name).Distinct().ToList();
            for (var i = 0; i < names.Count; i++)
            {
                var resources = model.DynamicAnchors.Where(d => d.Name == names[i]).Select(d => SchemaMethodEmitter.Int(d.Resource));
                w.Line($"private static readonly int[] D{SchemaMethodEmitter.Int(i)} = {{ {string.Join(", ", resources)} }}; // $dynamicAnchor {SchemaMethodEmitter.Xml(names[i])}");
            }

            if (model.Constants.Count + model.Patterns.Count + names.Count > 0)
            {
                w.Line();
            }
        }

        /// <param name="validation">The validation namespace, <c>global::</c>-qualified (the same for every entry of the file).</param>
        private static SourceText EmitValidator(ValidatorModel model, string validation, ValidatorEntryModel entry, bool streams)
        {
            var element = SchemaMethodEmitter.Element;
            var span = "global::System.ReadOnlySpan<byte>";
            var assertDefault = model.AssertFormatsByDefault ? "true" : "false";
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock($"namespace {model.Namespace}"))
            {
                w.Line("/// <summary>");
                w.Line($"/// Validates JSON against <c>{Xml(entry.SchemaPointer)}</c> of {Xml(model.FileName)}. Generated code: no schema is");
                w.Line("/// interpreted at run time. Every violation is reported with its instance JSON pointer and keyword.");
                w.Line("/// </summary>");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock($"public static partial class {entry.ClassName}"))
                {
                    // The bodies are the same in every validator (ValidatorRuntime, once per compilation): each passes
                    // its own compiled methods. Static method groups, so the delegates are made once and cached.
                    var runtime = new CSharpCode(validation, ".ValidatorRuntime");
                    var stream = streams ? new CSharpCode(validation, ".", model.CompiledClassName, ".", StreamingMethodEmitter.MethodName(entry.Method)) : new CSharpCode("null");
                    w.Line("/// <summary>Validates <paramref name=\"instance\"/> and returns every error, the most specific first.</summary>");
                    w.Line($"public static {validation}.ValidationResult Validate({element} instance, {validation}.ValidationOptions? options = null)");
                    w.Line($"    => {runtime}.Validate(instance, options, {assertDefault}, Run);");
                    w.Line();
                    w.Line("/// <summary>Parses and validates UTF-8 JSON; text that is not JSON yields one error with keyword <c>json</c>.</summary>");
                    w.Line($"public static {validation}.ValidationResult Validate({span} utf8, {validation}.ValidationOptions? options = null)");
                    w.Line($"    => {runtime}.Validate(utf8, options, {assertDefault}, {stream}, Run);");
                    w.Line();
                    w.Line("/// <summary>Whether <paramref name=\"instance\"/> is valid; stops at the first violation.</summary>");
                    w.Line($"public static bool IsValid({element} instance, {validation}.ValidationOptions? options = null)");
                    w.Line($"    => {runtime}.IsValid(instance, options, {assertDefault}, Run);");
                    w.Line();
                    w.Line(streams
                        ? "/// <summary>Whether the UTF-8 text is JSON and valid, in one pass over the bytes: no document, nothing allocated for valid input.</summary>"
                        : "/// <summary>Whether the UTF-8 text is JSON and valid.</summary>");
                    w.Line($"public static bool IsValid({span} utf8, {validation}.ValidationOptions? options = null)");
                    w.Line($"    => {runtime}.IsValid(utf8, options, {assertDefault}, {stream}, Run);");
                    w.Line();
                    using (w.OpenBlock($"private static bool Run({validation}.ValidationContext context, {element} instance)"))
                    {
                        // The document's resource opens the dynamic scope, as if evaluation started at its root.
                        w.Line($"context.Enter({SchemaMethodEmitter.Int(entry.DocumentResource)});");
                        var method = model.Methods[entry.Method];
                        if (method.Resource != entry.DocumentResource)
                        {
                            w.Line($"context.Enter({SchemaMethodEmitter.Int(method.Resource)});");
                        }

                        w.Line($"return {validation}.{model.CompiledClassName}.S{SchemaMethodEmitter.Int(entry.Method)}(context, instance, null);");
                    }
                }
            }

            return w.ToSourceText();
        }

        private static string Xml(string text) => SchemaMethodEmitter.Xml(text);
    }
}
