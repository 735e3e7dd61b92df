using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>
    /// Emits the interface a server implements: one method per operation, taking the operation's request
    /// record and returning its closed result type, so a missing operation or an undeclared response is a
    /// compile error in the server, not a runtime surprise.
    /// </summary>
    internal static class ServerInterfaceEmitter
    {
        public static string Emit(OpenApiModel model, string ns)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock("namespace " + ns))
            {
                var title = model.Title.Length > 0 ? model.Title : model.ServerName;
                XmlDoc.SummaryXml(w, "The server side of " + XmlDoc.Escape(title) + (model.ApiVersion.Length > 0 ? " " + XmlDoc.Escape(model.ApiVersion) : "")
                    + ": implement it and map the endpoints from <see cref=\"" + ServerNames.Operations(model) + ".All\"/>.");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock("public interface " + ServerNames.Interface(model)))
                {
                    for (var i = 0; i < model.Operations.Count; i++)
                    {
                        var operation = model.Operations[i];
                        if (i > 0)
                        {
                            w.Line();
                        }

                        XmlDoc.Summary(w, operation.Summary.Length > 0 ? operation.Summary : operation.Method + " " + operation.Route);
                        if (operation.Description.Length > 0)
                        {
                            w.Line("/// <remarks>" + XmlDoc.Escape(operation.Description).Replace("\n", " ") + "</remarks>");
                        }

                        w.Line("/// <param name=\"request\">The path, query and header parameters and the body of <c>" + operation.Method + " " + XmlDoc.Escape(operation.Route) + "</c>.</param>");
                        w.Line("/// <param name=\"cancellationToken\">Cancelled when the client goes away.</param>");
                        if (operation.Deprecated)
                        {
                            w.Line("[global::System.Obsolete(\"Operation '" + operation.OperationId + "' is deprecated in " + model.FileName + ".\")]");
                        }

                        w.Line("global::System.Threading.Tasks.Task<" + ServerNames.Qualified(ns, ServerNames.Result(operation)) + "> " + ServerNames.Method(operation)
                            + "(" + ServerNames.Qualified(ns, ServerNames.Request(operation)) + " request, global::System.Threading.CancellationToken cancellationToken);");
                    }
                }
            }

            return w.ToString();
        }
    }
}
