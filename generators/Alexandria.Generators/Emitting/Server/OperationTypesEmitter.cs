using System.Globalization;
using System.Linq;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>
    /// Emits an operation's request record (typed parameters and body) and its result: an abstract record
    /// whose only cases are the declared responses, with an exhaustive <c>Match</c>.
    /// </summary>
    internal static class OperationTypesEmitter
    {
        public static string Emit(string fileName, string ns, OperationSpec operation)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, fileName);
            using (w.OpenBlock("namespace " + ns))
            {
                WriteRequest(w, operation);
                w.Line();
                WriteResult(w, operation);
            }

            return w.ToString();
        }

        private static void WriteRequest(SourceWriter w, OperationSpec operation)
        {
            XmlDoc.SummaryXml(w, "What <c>" + XmlDoc.Escape(operation.OperationId) + "</c> (<c>" + operation.Method + " " + XmlDoc.Escape(operation.Route) + "</c>) receives.");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (w.OpenBlock("public sealed record " + ServerNames.Request(operation)))
            {
                var first = true;
                foreach (var parameter in operation.Parameters)
                {
                    first = Separate(w, first);
                    var where = parameter.In.ToString().ToLowerInvariant() + " parameter '" + parameter.Name + "'";
                    XmlDoc.Summary(w, parameter.Description.Length > 0 ? parameter.Description + " (" + where + ")" : "The " + where + ".");
                    WriteNote(w, parameter.Type);
                    w.Line(Property(parameter.Type, parameter.PropertyName, parameter.Required));
                }

                if (operation.Body is { } body)
                {
                    Separate(w, first);
                    XmlDoc.Summary(w, (body.Description.Length > 0 ? body.Description + " " : "") + "(request body, " + body.ContentType + ")");
                    WriteNote(w, body.Type);
                    w.Line(Property(body.Type, "Body", body.Required));
                }
            }
        }

        private static void WriteResult(SourceWriter w, OperationSpec operation)
        {
            var result = ServerNames.Result(operation);
            XmlDoc.SummaryXml(w, "The responses <c>" + XmlDoc.Escape(operation.OperationId) + "</c> declares, and only those: a server cannot return anything else.");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (w.OpenBlock("public abstract record " + result))
            {
                w.Line("// Private: the nested cases below are the only results there can be.");
                w.Line("private " + result + "()");
                w.Line("{");
                w.Line("}");
                w.Line();
                w.Line("/// <summary>The HTTP status code to send.</summary>");
                w.Line("public abstract int StatusCode { get; }");
                w.Line();
                w.Line("/// <summary>The content type of the body, or null when the response has none.</summary>");
                w.Line("public abstract string? ContentType { get; }");
                foreach (var response in operation.Responses)
                {
                    w.Line();
                    WriteCase(w, result, response);
                }

                w.Line();
                WriteMatch(w, operation);
            }
        }

        private static void WriteCase(SourceWriter w, string result, ResponseSpec response)
        {
            XmlDoc.Summary(w, response.StatusKey + (response.Description.Length > 0 ? ": " + response.Description : ""));
            if (response.Body is not null)
            {
                WriteNote(w, response.Body);
            }

            var parameters = response.FixedStatus is null ? "int Status" : "";
            if (response.Body is not null)
            {
                parameters += (parameters.Length > 0 ? ", " : "") + response.Body.Name + " Body";
            }

            using (w.OpenBlock("public sealed record " + response.CaseName + "(" + parameters + ") : " + result))
            {
                var status = response.FixedStatus is int code ? code.ToString(CultureInfo.InvariantCulture) : "Status";
                w.Line("/// <inheritdoc/>");
                w.Line("public override int StatusCode => " + status + ";");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("public override string? ContentType => " + (response.ContentType is null ? "null" : CSharpNaming.Literal(response.ContentType)) + ";");
            }
        }

        private static void WriteMatch(SourceWriter w, OperationSpec operation)
        {
            var cases = operation.Responses;
            w.Line("/// <summary>Calls the function for this result's case; adding a response to the contract adds a parameter, so every caller must handle it.</summary>");
            var parameters = string.Join(", ", cases.Select(c => "global::System.Func<" + c.CaseName + ", TResult> " + CSharpNaming.ToCamelCase(c.CaseName)));
            using (w.OpenBlock("public TResult Match<TResult>(" + parameters + ")"))
            {
                w.Line("return this switch");
                w.Line("{");
                w.Indentation++;
                foreach (var response in cases)
                {
                    w.Line(response.CaseName + " result => " + CSharpNaming.ToCamelCase(response.CaseName) + "(result),");
                }

                w.Line("_ => throw new global::System.InvalidOperationException(\"Unknown result case \" + GetType().Name),");
                w.Indentation--;
                w.Line("};");
            }
        }

        private static string Property(TypeRef type, string name, bool required)
            => required
                ? "public required " + type.Name + " " + name + " { get; init; }"
                : "public " + type.Name + "? " + name + " { get; init; }";

        private static void WriteNote(SourceWriter w, TypeRef type)
        {
            if (type.Note.Length > 0)
            {
                w.Line("/// <remarks>Raw JSON: " + XmlDoc.Escape(type.Note) + "</remarks>");
            }
        }

        private static bool Separate(SourceWriter w, bool first)
        {
            if (!first)
            {
                w.Line();
            }

            return false;
        }
    }
}
