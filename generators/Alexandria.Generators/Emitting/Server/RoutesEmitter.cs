using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    /// <summary>Emits the route template and HTTP method of every operation as constants.</summary>
    internal static class RoutesEmitter
    {
        public static string Emit(OpenApiModel model, string ns)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock("namespace " + ns))
            {
                XmlDoc.Summary(w, "Route templates and HTTP methods of every operation in " + model.FileName + ", for mapping endpoints without repeating strings.");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock("public static class " + ServerNames.Routes(model)))
                {
                    for (var i = 0; i < model.Operations.Count; i++)
                    {
                        var operation = model.Operations[i];
                        if (i > 0)
                        {
                            w.Line();
                        }

                        w.Line("/// <summary>The route of <c>" + operation.OperationId + "</c>.</summary>");
                        w.Line("public const string " + operation.Name + " = " + CSharpNaming.Literal(operation.Route) + ";");
                        w.Line();
                        w.Line("/// <summary>The HTTP method of <c>" + operation.OperationId + "</c>.</summary>");
                        w.Line("public const string " + operation.Name + "Method = " + CSharpNaming.Literal(operation.Method) + ";");
                    }
                }
            }

            return w.ToString();
        }
    }
}
