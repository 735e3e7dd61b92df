using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;
using Alexandria.Generators.Parsing.References;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>
    /// Turns an OpenAPI 3.1 document into an <see cref="OpenApiModel"/>: checks the version, names the
    /// server, and parses every operation in document order, reporting missing, duplicate and colliding
    /// operationIds where they are written.
    /// </summary>
    internal static class OpenApiParser
    {
        /// <summary>Overrides the name derived from <c>info.title</c>; allowed on the root or on <c>info</c>.</summary>
        public const string ServerNameKeyword = "x-alexandria-server-name";

        private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        // Members of the generated operations table that an operation's name must not shadow.
        private static readonly HashSet<string> Reserved = new HashSet<string> { "All", "OperationDescriptor" };

        public static OpenApiModel Parse(ContractFile file, EquatableArray<SchemaExport> exports)
        {
            // Invalid JSON and duplicate members were reported when the file was classified; not again here.
            var document = ContractDocument.Load(file, new List<DiagnosticInfo>());
            if (document?.Root is not JsonObject root)
            {
                return OpenApiModel.Empty(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);
            }

            var diagnostics = new List<DiagnosticInfo>();
            CheckVersion(document, root, diagnostics);
            var info = root["info"] as JsonObject;
            var operationParser = new OperationParser(document, new SchemaTypeMapper(document, new ExportResolver(exports), diagnostics), diagnostics);

            var operations = new List<OperationSpec>();
            var ids = new HashSet<string>();
            var names = new Dictionary<string, string>();
            foreach (var path in (root["paths"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                if (path.Value is not JsonObject pathItem)
                {
                    continue;
                }

                foreach (var operationProperty in pathItem.Properties)
                {
                    var method = operationProperty.Name;
                    if (System.Array.IndexOf(Methods, method) < 0 || operationProperty.Value is not JsonObject operation)
                    {
                        continue;
                    }

                    if (operation["operationId"] is not JsonString operationId || operationId.Value.Length == 0)
                    {
                        diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.MissingOperationId, operationProperty, method.ToUpperInvariant(), path.Name));
                        continue;
                    }

                    if (!ids.Add(operationId.Value))
                    {
                        diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.DuplicateOperationId, operationId, operationId.Value));
                        continue;
                    }

                    var name = CSharpNaming.ToPascalCase(operationId.Value);
                    if (!ClaimName(document, operationId, name, names, diagnostics))
                    {
                        continue;
                    }

                    operations.Add(operationParser.Parse(operationId.Value, name, method, path, operationProperty, pathItem["parameters"] as JsonArray));
                }
            }

            return new OpenApiModel(
                file.FileName,
                file.Namespace,
                ServerName(root, info),
                info?.GetString("title") ?? "",
                info?.GetString("version") ?? "",
                operations.ToEquatableArray(),
                diagnostics.ToEquatableArray());
        }

        public static OpenApiModel Failed(ContractFile file, DiagnosticInfo failure)
            => OpenApiModel.Empty(file.FileName, file.Namespace, new EquatableArray<DiagnosticInfo>(new[] { failure }));

        private static void CheckVersion(ContractDocument document, JsonObject root, List<DiagnosticInfo> diagnostics)
        {
            var version = root["openapi"];
            var text = (version as JsonString)?.Value ?? "";
            if (!(text == "3.1" || text.StartsWith("3.1.", System.StringComparison.Ordinal)))
            {
                diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.UnsupportedOpenApiVersion, version ?? root, text));
            }
        }

        /// <summary>
        /// Each operation claims its stem and the route constant <c>{Name}Method</c>; two operations may not
        /// claim the same C# name, nor one the table's own members.
        /// </summary>
        private static bool ClaimName(ContractDocument document, JsonString operationId, string name, Dictionary<string, string> names, List<DiagnosticInfo> diagnostics)
        {
            string? conflict = null;
            if (Reserved.Contains(name))
            {
                conflict = "Alexandria reserves for the operations table";
            }
            else if (names.TryGetValue(name, out var other) || names.TryGetValue(name + "Method", out other))
            {
                conflict = $"operationId '{other}' also generates";
            }

            if (conflict is not null)
            {
                diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.OperationNameCollision, operationId, operationId.Value, name, conflict));
                return false;
            }

            names[name] = operationId.Value;
            names[name + "Method"] = operationId.Value;
            return true;
        }

        /// <summary><c>Alexandria runtime API</c> becomes <c>AlexandriaRuntime</c>: the "Api" word would only repeat in every generated name.</summary>
        private static string ServerName(JsonObject root, JsonObject? info)
        {
            var configured = root.GetString(ServerNameKeyword) ?? info?.GetString(ServerNameKeyword);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return CSharpNaming.ToPascalCase(configured!);
            }

            var title = CSharpNaming.ToPascalCase(info?.GetString("title") ?? "Api");
            return title.Length > 3 && title.EndsWith("Api", System.StringComparison.Ordinal) ? title.Substring(0, title.Length - 3) : title;
        }
    }
}
