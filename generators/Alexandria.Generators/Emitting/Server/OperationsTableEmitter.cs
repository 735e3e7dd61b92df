using System.Globalization;
using System.Linq;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>
    /// Emits the operations table: for each operation its id, method, route, request, body and result
    /// types and success status, so a host can map every endpoint from data instead of by hand.
    /// </summary>
    internal static class OperationsTableEmitter
    {
        public static string Emit(OpenApiModel model, string ns)
        {
            var table = ServerNames.Operations(model);
            var routes = ServerNames.Qualified(ns, ServerNames.Routes(model));
            var descriptor = ServerNames.Qualified(ns, table) + ".OperationDescriptor";
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock("namespace " + ns))
            {
                XmlDoc.Summary(w, "Every operation of " + model.FileName + ", in document order.");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock("public static class " + table))
                {
                    w.Line("/// <summary>One operation as a host needs it to map an endpoint.</summary>");
                    w.Line("/// <param name=\"OperationId\">The operationId in the contract.</param>");
                    w.Line("/// <param name=\"Method\">The HTTP method, upper case.</param>");
                    w.Line("/// <param name=\"RouteTemplate\">The path template, e.g. <c>/runs/{runId}</c>.</param>");
                    w.Line("/// <param name=\"RequestType\">The request record the server method takes.</param>");
                    w.Line("/// <param name=\"RequestBodyType\">The type of the request body, or null when there is none.</param>");
                    w.Line("/// <param name=\"ResultType\">The closed result type the server method returns.</param>");
                    w.Line("/// <param name=\"SuccessStatusCode\">The first declared 2xx status, or null when none is declared exactly.</param>");
                    w.Line("public sealed record OperationDescriptor(string OperationId, string Method, string RouteTemplate, global::System.Type RequestType, global::System.Type? RequestBodyType, global::System.Type ResultType, int? SuccessStatusCode);");
                    foreach (var operation in model.Operations)
                    {
                        var success = operation.Responses.FirstOrDefault(r => r.FixedStatus is >= 200 and < 300)?.FixedStatus;
                        w.Line();
                        XmlDoc.SummaryXml(w, "<c>" + operation.Method + " " + XmlDoc.Escape(operation.Route) + "</c>: " + XmlDoc.Escape(Sentence(operation.Summary.Length > 0 ? operation.Summary : operation.OperationId)));
                        w.Line("public static " + descriptor + " " + operation.Name + " { get; } = new " + descriptor + "("
                            + CSharpNaming.Literal(operation.OperationId) + ", "
                            + routes + "." + operation.Name + "Method, "
                            + routes + "." + operation.Name + ", "
                            + "typeof(" + ServerNames.Qualified(ns, ServerNames.Request(operation)) + "), "
                            + (operation.Body is null ? "null" : "typeof(" + operation.Body.Type.Name + ")") + ", "
                            + "typeof(" + ServerNames.Qualified(ns, ServerNames.Result(operation)) + "), "
                            + (success is int code ? code.ToString(CultureInfo.InvariantCulture) : "null") + ");");
                    }

                    w.Line();
                    w.Line("/// <summary>Every operation, in document order.</summary>");
                    using (w.OpenBlock("public static global::System.Collections.Generic.IReadOnlyList<" + descriptor + "> All { get; } = new " + descriptor + "[]", "};"))
                    {
                        foreach (var operation in model.Operations)
                        {
                            w.Line(operation.Name + ",");
                        }
                    }
                }
            }

            return w.ToString();
        }

        /// <summary>The summary as one sentence: a period added only where the document's text has no closing mark.</summary>
        private static string Sentence(string text)
        {
            text = text.Trim();
            return text.Length > 0 && text[text.Length - 1] is '.' or '!' or '?' ? text : text + ".";
        }
    }
}
