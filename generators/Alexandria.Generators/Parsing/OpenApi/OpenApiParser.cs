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
    /// Turns an OpenAPI 3.0 or 3.1 document into an <see cref="OpenApiModel"/>: checks the version (Swagger 2.0
    /// is refused with one diagnostic), names the server, and parses every operation in document order, naming
    /// those without an operationId from their method and path, and reporting duplicate and colliding names
    /// where they are written. Webhooks and callbacks, which the server interface has no place for, are each
    /// reported as not generated.
    /// </summary>
    internal static class OpenApiParser
    {
        /// <summary>Overrides the name derived from <c>info.title</c>; allowed on the root or on <c>info</c>.</summary>
        public const string ServerNameKeyword = "x-alexandria-server-name";

        // Members of the generated operations table that an operation's name must not shadow.
        private static readonly HashSet<string> Reserved = new HashSet<string> { "All", "OperationDescriptor" };

        // Marks a claimed name the author did not write: a route constant or a synthesized operation name.
        private const string ConstantMarker = "\u0001";

        public static OpenApiModel Parse(ContractFile file, EquatableArray<SchemaExport> exports)
        {
            // Invalid JSON and duplicate members were reported when the file was classified; not again here.
            var document = ContractDocument.Load(file, new List<DiagnosticInfo>());
            if (document?.Root is not JsonObject root)
            {
                return OpenApiModel.Empty(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);
            }

            var diagnostics = new List<DiagnosticInfo>();
            if (root["openapi"] is not JsonString && root["swagger"] is JsonNode swagger)
            {
                // One diagnostic for the whole document: nothing else in it is read.
                diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.SwaggerNotSupported, swagger, file.FileName, (swagger as JsonString)?.Value ?? "2.0"));
                return OpenApiModel.Empty(file.FileName, file.Namespace, diagnostics.ToEquatableArray());
            }

            CheckVersion(document, root, diagnostics);
            var info = root["info"] as JsonObject;
            var view = OpenApiSchemaView.Collect(document);
            var mapper = new SchemaTypeMapper(document, new ExportResolver(exports), view, diagnostics);
            var operationParser = new OperationParser(document, mapper, diagnostics);

            var operations = new List<OperationSpec>();
            var ids = new HashSet<string>();
            var names = new Dictionary<string, string>();
            foreach (var operation in OperationCatalog.Enumerate(root))
            {
                if (operation.OperationId is null)
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.MissingOperationId, operation.MethodProperty, operation.Method.ToUpperInvariant(), operation.Path.Name, operation.Name + "Async"));
                }
                else if (!ids.Add(operation.Id))
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.DuplicateOperationId, operation.OperationId, operation.Id));
                    continue;
                }

                var name = ClaimName(document, operation, names, diagnostics);
                if (name is null)
                {
                    continue;
                }

                operations.Add(operationParser.Parse(operation.Id, name, operation.Method, operation.Path, operation.MethodProperty, operation.PathItem["parameters"] as JsonArray));
                ReportCallbacks(document, operation, diagnostics);
            }

            ReportWebhooks(document, root, diagnostics);

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
            if (!(text == "3.1" || text.StartsWith("3.1.", System.StringComparison.Ordinal) || text == "3.0" || text.StartsWith("3.0.", System.StringComparison.Ordinal)))
            {
                diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.UnsupportedOpenApiVersion, version ?? root, text));
            }
        }

        /// <summary>
        /// Each operation claims its stem and the route constant <c>{Name}Method</c>; two operationIds may not claim
        /// the same C# name (ALX0204: which one keeps it is the author's call), nor one the table's own members. A
        /// clash the author could not see — a name equal to another operation's route constant (<c>getThread</c> and
        /// <c>GetThreadMethod</c>), or between synthesized names — takes the next free name with ALX0209.
        /// Returns the claimed name, or null when the operation is dropped.
        /// </summary>
        private static string? ClaimName(ContractDocument document, CatalogedOperation operation, Dictionary<string, string> names, List<DiagnosticInfo> diagnostics)
        {
            var name = operation.Name;
            string? conflict = null;
            if (Reserved.Contains(name))
            {
                conflict = "Alexandria reserves for the operations table";
            }
            else if (operation.OperationId is not null && names.TryGetValue(name, out var other) && !other.StartsWith(ConstantMarker, System.StringComparison.Ordinal))
            {
                conflict = $"operationId '{other}' also generates";
            }

            if (conflict is not null)
            {
                diagnostics.Add(operation.OperationId is { } operationId
                    ? document.Diagnostic(DiagnosticDescriptors.OperationNameCollision, operationId, operation.Id, name, conflict)
                    : document.Diagnostic(DiagnosticDescriptors.OperationNameCollision, operation.MethodProperty, operation.Method.ToUpperInvariant() + " " + operation.Path.Name, name, conflict));
                return null;
            }

            var claimed = name;
            for (var i = 2; names.ContainsKey(claimed) || names.ContainsKey(claimed + "Method"); i++)
            {
                claimed = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (claimed != name)
            {
                var at = (JsonNode?)operation.OperationId ?? operation.Operation;
                diagnostics.Add(document.Diagnostic(
                    DiagnosticDescriptors.DeviationAccepted, at,
                    $"Operation '{operation.Id}' generates the C# name '{name}', which another operation's name or route constant already uses",
                    $"'{claimed}'"));
            }

            names[claimed] = (operation.OperationId is null ? ConstantMarker : "") + operation.Id;
            names[claimed + "Method"] = ConstantMarker + operation.Id;
            return claimed;
        }

        /// <summary>A callback is a request the API makes to the client: the server interface has no method for it.</summary>
        private static void ReportCallbacks(ContractDocument document, CatalogedOperation operation, List<DiagnosticInfo> diagnostics)
        {
            foreach (var callback in (operation.Operation["callbacks"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                diagnostics.Add(document.Diagnostic(
                    DiagnosticDescriptors.NotGenerated, callback, "Callback", operation.Id + "/" + callback.Name,
                    "callbacks are requests the API sends to its clients, and the generated server interface only receives requests; implement the call yourself"));
            }
        }

        /// <summary>Webhooks (3.1) are requests the API sends out: reported one by one, never dropped silently.</summary>
        private static void ReportWebhooks(ContractDocument document, JsonObject root, List<DiagnosticInfo> diagnostics)
        {
            foreach (var webhook in (root["webhooks"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                diagnostics.Add(document.Diagnostic(
                    DiagnosticDescriptors.NotGenerated, webhook, "Webhook", webhook.Name,
                    "webhooks are requests the API sends to its subscribers, and the generated server interface only receives requests; their schemas in components.schemas still become types"));
            }
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
