using System.Collections.Generic;
using Alexandria.Generators.Model.Validation;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>
    /// Emits the streaming half of a schema file's compiled class (<c>output_schema.CompiledOutputSchema.Streaming.g.cs</c>):
    /// one <c>R{n}</c> per subschema reachable from a validator that streams, and the member-name matchers they use.
    /// </summary>
    internal static class StreamingEmitter
    {
        /// <summary>The methods to emit: everything reachable from the entries that stream, in index order.</summary>
        public static List<int> Methods(ValidatorModel model, StreamingAnalysis analysis)
        {
            var roots = new List<int>(model.Entries.Count);
            foreach (var entry in model.Entries)
            {
                if (analysis.Streams(entry.Method))
                {
                    roots.Add(entry.Method);
                }
            }

            var methods = new List<int>(analysis.Reachable(roots));
            methods.Sort();
            return methods;
        }

        public static SourceText Emit(ValidatorModel model, StreamingAnalysis analysis, List<int> methods)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock($"namespace {SchemaNaming.ValidationNamespace(model.Namespace)}"))
            {
                w.Line("/// <summary>The same subschemas over a <c>Utf8JsonReader</c>: one forward pass, no document, nothing allocated for valid input.</summary>");
                using (w.OpenBlock($"internal static partial class {model.CompiledClassName}"))
                {
                    foreach (var index in methods)
                    {
                        var method = model.Methods[index];
                        StreamingMethodEmitter.Emit(w, model, analysis, method);
                        w.Line();
                        var names = analysis.TrackedNames(method);
                        if (method.Constant is null && method.UnresolvedReference is null && names.Count > 0)
                        {
                            StreamingMethodEmitter.EmitNameMatcher(w, index, names);
                            w.Line();
                        }

                        StreamingMethodEmitter.EmitUnionMatchers(w, model, analysis, method);
                    }

                    // Each pattern a streamed method uses, once, in index order.
                    var used = new bool[model.Patterns.Count];
                    foreach (var index in methods)
                    {
                        if (model.Methods[index].Pattern is int pattern)
                        {
                            used[pattern] = true;
                        }
                    }

                    for (var pattern = 0; pattern < used.Length; pattern++)
                    {
                        if (used[pattern] && SimplePattern.Parse(model.Patterns[pattern]) is { } simple)
                        {
                            simple.EmitMatcher(w, pattern, model.Patterns[pattern]);
                            w.Line();
                        }
                    }
                }
            }

            return w.ToSourceText();
        }
    }
}
