using System.Linq;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>
    /// Emits one prompt's accessor: its identity as constants, the template and its breakpoint offsets,
    /// and a straight-line <c>Render</c> that appends the template's segments in order, so rendering
    /// is deterministic and reads like the template. <c>Render</c> sizes its buffer from its inputs (pooled, so the
    /// only allocation is the text itself) and hashes the run-stable prefix through the accessor's own cache: a run
    /// sends the same prefix on every request, so it is hashed once, not per request.
    /// </summary>
    internal static class PromptAccessorEmitter
    {
        public static string Emit(string fileName, string ns, PromptRenderingRules rules, PromptSpec prompt)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, fileName);
            using (w.OpenBlock("namespace " + ns))
            {
                XmlDoc.Summary(w, prompt.Description.Length > 0 ? prompt.Description : "The '" + prompt.Id + "' prompt.");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                var marker = prompt.OutputTypeName is null ? "" : " : global::" + ns + "." + PromptSupportNames.PromptWithOutput + "<" + prompt.OutputTypeName + ">";
                using (w.OpenBlock("public sealed partial class " + prompt.ClassName + marker))
                {
                    WriteIdentity(w, ns, prompt);
                    w.Line();
                    WriteBreakpointOffsets(w, prompt);
                    WriteRender(w, ns, rules, prompt);
                }
            }

            return w.ToString();
        }

        private static void WriteIdentity(SourceWriter w, string ns, PromptSpec prompt)
        {
            w.Line("/// <summary>The manifest id.</summary>");
            w.Line("public const string Id = " + CSharpNaming.Literal(prompt.Id) + ";");
            w.Line();
            w.Line("/// <summary>The manifest version; bumped on every template change.</summary>");
            w.Line("public const string Version = " + CSharpNaming.Literal(prompt.Version) + ";");
            w.Line();
            w.Line("/// <summary><c>model_prompt</c> (sent to a model) or <c>code_template</c> (rendered by code only).</summary>");
            w.Line("public const string Kind = " + CSharpNaming.Literal(prompt.Kind) + ";");
            w.Line();
            w.Line("/// <summary>The message role, or null for a code template.</summary>");
            w.Line("public const string? Role = " + (prompt.Role is null ? "null" : CSharpNaming.Literal(prompt.Role)) + ";");
            w.Line();
            w.Line("/// <summary>Lowercase hex SHA-256 of the template's UTF-8 bytes, checked against the manifest at build time.</summary>");
            w.Line("public const string ContentHash = " + CSharpNaming.Literal(prompt.ContentHash) + ";");
            w.Line();
            w.Line("/// <summary>The template, with <c>{{variable}}</c> placeholders.</summary>");
            w.Line("public const string Template = " + CSharpNaming.Literal(prompt.Template) + ";");
            w.Line();
            if (prompt.OutputSchemaRef is not null)
            {
                w.Line("/// <summary>The schema the reply must satisfy, as referenced in the manifest.</summary>");
                w.Line("public const string OutputSchemaRef = " + CSharpNaming.Literal(prompt.OutputSchemaRef) + ";");
                w.Line();
            }

            w.Line("/// <summary>The generated type of the output schema, or null when the prompt declares none.</summary>");
            w.Line("public static global::System.Type? OutputType => " + (prompt.OutputTypeName is null ? "null" : "typeof(" + prompt.OutputTypeName + ")") + ";");
            w.Line();
            w.Line("/// <summary>This prompt as the catalog lists it.</summary>");
            w.Line("public static global::" + ns + "." + PromptSupportNames.PromptDescriptor + " Descriptor { get; } = new global::" + ns + "." + PromptSupportNames.PromptDescriptor
                + "(Id, Version, Kind, Role, ContentHash, typeof(" + prompt.ClassName + "), OutputType);");
        }

        private static void WriteBreakpointOffsets(SourceWriter w, PromptSpec prompt)
        {
            if (prompt.Breakpoints.Count == 0)
            {
                return;
            }

            w.Line("/// <summary>");
            w.Line("/// Offsets of the cache breakpoints in <see cref=\"Template\"/>. Offsets in a rendered text move with the");
            w.Line("/// lengths of the values before them, so <see cref=\"Render\"/> reports those in <c>RenderedPrompt.Breakpoints</c>.");
            w.Line("/// </summary>");
            using (w.OpenBlock("public static class TemplateBreakpoints"))
            {
                for (var i = 0; i < prompt.Breakpoints.Count; i++)
                {
                    var breakpoint = prompt.Breakpoints[i];
                    if (i > 0)
                    {
                        w.Line();
                    }

                    w.Line("/// <summary>Before the first <c>{{" + XmlDoc.Escape(breakpoint.BeforeVariable) + "}}</c>.</summary>");
                    w.Line("public const int " + breakpoint.ConstName + " = " + CSharpNaming.Literal(breakpoint.TemplateOffset) + ";");
                }
            }

            w.Line();
        }

        private static void WriteRender(SourceWriter w, string ns, PromptRenderingRules rules, PromptSpec prompt)
        {
            w.Line("/// <summary>Renders the template. Same arguments, same text, breakpoints and prefix hash, byte for byte.</summary>");
            foreach (var variable in prompt.Variables)
            {
                XmlDoc.Param(w, variable.ParameterName, variable.Description);
            }

            var parameters = string.Join(", ", prompt.Variables.Select(Parameter));
            using (w.OpenBlock("public static global::" + ns + "." + PromptSupportNames.RenderedPrompt + " Render(" + parameters + ")"))
            {
                foreach (var variable in prompt.Variables.Where(v => v.Required && IsReference(v.Type)))
                {
                    w.Line("if (" + variable.ParameterName + " is null) throw new global::System.ArgumentNullException(nameof(" + variable.ParameterName + "));");
                }

                var literalLength = prompt.Segments.Where(s => !s.IsPlaceholder).Sum(s => s.Text.Length);
                var capacity = new[] { CSharpNaming.Literal(literalLength) }
                    .Concat(prompt.Segments.Where(s => s.IsPlaceholder).Select(s => Capacity(ns, rules, prompt.Variables.First(v => v.Name == s.Variable))));
                w.Line("var __text = new global::" + ns + "." + PromptSupportNames.PromptRendering + ".TextBuffer(" + string.Join(" + ", capacity) + ");");
                w.Line("var __breakpoints = new global::" + ns + "." + PromptSupportNames.CacheBreakpoint + "[" + CSharpNaming.Literal(prompt.Breakpoints.Count) + "];");
                for (var i = 0; i < prompt.Segments.Count; i++)
                {
                    var segment = prompt.Segments[i];
                    for (var b = 0; b < prompt.Breakpoints.Count; b++)
                    {
                        if (prompt.Breakpoints[b].SegmentIndex == i)
                        {
                            w.Line("__breakpoints[" + CSharpNaming.Literal(b) + "] = new global::" + ns + "." + PromptSupportNames.CacheBreakpoint
                                + "(" + CSharpNaming.Literal(prompt.Breakpoints[b].Name) + ", __text.Length);");
                        }
                    }

                    if (!segment.IsPlaceholder)
                    {
                        w.Line("__text.Append(" + CSharpNaming.Literal(segment.Text) + ");");
                        continue;
                    }

                    var variable = prompt.Variables.First(v => v.Name == segment.Variable);
                    WriteAppendValue(w, ns, rules, variable);
                }

                var runStable = prompt.Breakpoints.Count(b => b.RunStable);
                w.Line("return new global::" + ns + "." + PromptSupportNames.RenderedPrompt + "(Id, Version, Role, ContentHash, __text.ToStringAndReturn(), __breakpoints, " + CSharpNaming.Literal(runStable) + ", __prefixHashes);");
            }

            w.Line();
            w.Line("/// <summary>The last run-stable prefix rendered and its hash: the next request of the run reuses it.</summary>");
            w.Line("private static readonly global::" + ns + "." + PromptSupportNames.PromptRendering + ".PrefixHashCache __prefixHashes = new global::" + ns + "." + PromptSupportNames.PromptRendering + ".PrefixHashCache();");
        }

        /// <summary>An upper bound of the characters one placeholder renders to (exact for strings and lists).</summary>
        private static string Capacity(string ns, PromptRenderingRules rules, PromptVariableSpec variable)
        {
            var name = variable.ParameterName;
            var absent = CSharpNaming.Literal(rules.AbsentOptional.Length);
            var absentLength = variable.Required ? 0 : rules.AbsentOptional.Length;
            switch (variable.Type)
            {
                case PromptVariableType.Integer:
                    return CSharpNaming.Literal(System.Math.Max(20, absentLength)); // long.MinValue
                case PromptVariableType.Number:
                    return CSharpNaming.Literal(System.Math.Max(32, absentLength)); // "R" of any double is shorter
                case PromptVariableType.Boolean:
                    return CSharpNaming.Literal(System.Math.Max(System.Math.Max(rules.BooleanTrue.Length, rules.BooleanFalse.Length), absentLength));
                case PromptVariableType.StringList:
                    var list = "global::" + ns + "." + PromptSupportNames.PromptRendering + ".ListLength(" + name + ", "
                        + CSharpNaming.Literal(rules.ListItemPrefix) + ", " + CSharpNaming.Literal(rules.ListSeparator) + ", " + CSharpNaming.Literal(rules.EmptyList) + ")";
                    return variable.Required ? list : "(" + name + " is null ? " + absent + " : " + list + ")";
                default:
                    return variable.Required ? name + ".Length" : "(" + name + "?.Length ?? " + absent + ")";
            }
        }

        private static void WriteAppendValue(SourceWriter w, string ns, PromptRenderingRules rules, PromptVariableSpec variable)
        {
            var name = variable.ParameterName;
            var value = variable.Required || IsReference(variable.Type) ? name : name + ".Value";
            string append;
            switch (variable.Type)
            {
                case PromptVariableType.Integer:
                    append = "__text.Append(global::" + ns + "." + PromptSupportNames.PromptRendering + ".Integer(" + value + "));";
                    break;
                case PromptVariableType.Number:
                    append = "__text.Append(global::" + ns + "." + PromptSupportNames.PromptRendering + ".Number(" + value + "));";
                    break;
                case PromptVariableType.Boolean:
                    append = "__text.Append(" + value + " ? " + CSharpNaming.Literal(rules.BooleanTrue) + " : " + CSharpNaming.Literal(rules.BooleanFalse) + ");";
                    break;
                case PromptVariableType.StringList:
                    append = "__text.AppendList(" + value + ", "
                        + CSharpNaming.Literal(rules.ListItemPrefix) + ", " + CSharpNaming.Literal(rules.ListSeparator) + ", " + CSharpNaming.Literal(rules.EmptyList) + ");";
                    break;
                default:
                    append = "__text.Append(" + value + ");";
                    break;
            }

            if (variable.Required)
            {
                w.Line(append);
                return;
            }

            using (w.OpenBlock("if (" + name + " is null)"))
            {
                w.Line("__text.Append(" + CSharpNaming.Literal(rules.AbsentOptional) + ");");
            }

            using (w.OpenBlock("else"))
            {
                w.Line(append);
            }
        }

        private static string Parameter(PromptVariableSpec variable)
        {
            var type = variable.Type switch
            {
                PromptVariableType.Integer => "long",
                PromptVariableType.Number => "double",
                PromptVariableType.Boolean => "bool",
                PromptVariableType.StringList => "global::System.Collections.Generic.IReadOnlyList<string>",
                _ => "string",
            };

            if (variable.Required)
            {
                return type + " " + variable.ParameterName;
            }

            return type + "? " + variable.ParameterName + (variable.HasDefault ? " = null" : "");
        }

        private static bool IsReference(PromptVariableType type) => type is PromptVariableType.String or PromptVariableType.StringList;
    }
}
