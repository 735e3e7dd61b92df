using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>
    /// Parses one operation into its request record (path, query, header and cookie parameters plus the
    /// body) and its closed set of responses, checking that the route and its path parameters agree.
    /// </summary>
    internal sealed class OperationParser
    {
        private static readonly Regex RouteParameter = new Regex(@"\{([^{}/]+)\}", RegexOptions.CultureInvariant);

        private readonly ContractDocument _document;
        private readonly SchemaTypeMapper _types;
        private readonly List<DiagnosticInfo> _diagnostics;

        public OperationParser(ContractDocument document, SchemaTypeMapper types, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _types = types;
            _diagnostics = diagnostics;
        }

        public OperationSpec Parse(string operationId, string name, string method, JsonProperty path, JsonProperty operationProperty, JsonArray? pathParameters)
        {
            var operation = (JsonObject)operationProperty.Value;
            var parameters = ParseParameters(operationId, name, path, pathParameters, operation["parameters"] as JsonArray);
            var body = ParseBody(operationId, operation["requestBody"]);
            var responses = ParseResponses(operationId, operationProperty, operation["responses"]);

            return new OperationSpec(
                operationId,
                name,
                method.ToUpperInvariant(),
                path.Name,
                operation.GetString("summary") ?? "",
                operation.GetString("description") ?? "",
                operation["deprecated"]?.Kind == JsonNodeKind.True,
                parameters.ToEquatableArray(),
                body,
                responses.ToEquatableArray());
        }

        private List<ParameterSpec> ParseParameters(string operationId, string name, JsonProperty path, JsonArray? pathLevel, JsonArray? operationLevel)
        {
            // Operation-level parameters override path-level ones with the same name and location.
            var declared = new List<(JsonObject Node, string Name, string In)>();
            foreach (var item in (pathLevel?.Items ?? new JsonNode[0]).Concat(operationLevel?.Items ?? new JsonNode[0]))
            {
                var resolved = LocalReferences.Follow(_document.Root, item, out var broken);
                if (broken is not null)
                {
                    _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, broken, broken.Value, "this document has nothing at that pointer"));
                    continue;
                }

                if (resolved is not JsonObject parameter || parameter.GetString("name") is not string parameterName || parameter.GetString("in") is not string location)
                {
                    Report(item, operationId, "each parameter needs a 'name' and an 'in' (path, query, header or cookie)");
                    continue;
                }

                declared.RemoveAll(d => d.Name == parameterName && d.In == location);
                declared.Add((parameter, parameterName, location));
            }

            var routeNames = new HashSet<string>(RouteParameter.Matches(path.Name).Cast<Match>().Select(m => m.Groups[1].Value));
            var taken = new HashSet<string> { name + "Request", "Body" };
            var parameters = new List<ParameterSpec>();
            foreach (var (node, parameterName, location) in declared)
            {
                if (!TryLocation(location, out var parameterLocation))
                {
                    Report(node["in"]!, operationId, $"parameter '{parameterName}' has location '{location}'; use path, query, header or cookie");
                    continue;
                }

                var required = node["required"]?.Kind == JsonNodeKind.True;
                if (parameterLocation == ParameterLocation.Path)
                {
                    if (!routeNames.Remove(parameterName))
                    {
                        // The route can never carry it, so the intent is clear: leave it out, say so.
                        _diagnostics.Add(_document.Diagnostic(
                            DiagnosticDescriptors.DeviationAccepted, node["name"]!,
                            $"Operation '{operationId}' declares path parameter '{parameterName}', which the route '{path.Name}' does not have",
                            "no parameter (it is left out of the request record)"));
                        continue;
                    }

                    if (!required)
                    {
                        Report(node["name"]!, operationId, $"path parameter '{parameterName}' must be declared with \"required\": true");
                        required = true;
                    }
                }

                parameters.Add(new ParameterSpec(
                    parameterName,
                    CSharpNaming.Unique(CSharpNaming.ToPascalCase(parameterName), taken),
                    parameterLocation,
                    _types.Map(node["schema"], $"parameter '{parameterName}' of {operationId}", node),
                    required,
                    node.GetString("description") ?? ""));
            }

            foreach (var missing in routeNames.OrderBy(n => n, System.StringComparer.Ordinal))
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidOperation, _document.LocateName(path), operationId,
                    $"the route has '{{{missing}}}' but the operation declares no path parameter '{missing}'"));
            }

            return parameters;
        }

        private RequestBodySpec? ParseBody(string operationId, JsonNode? node)
        {
            if (node is null)
            {
                return null;
            }

            var resolved = LocalReferences.Follow(_document.Root, node, out var broken);
            if (broken is not null)
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, broken, broken.Value, "this document has nothing at that pointer"));
                return new RequestBodySpec(TypeRef.RawJson("The request body reference does not resolve (ALX0101)."), "application/json", true, "");
            }

            if (resolved is not JsonObject body)
            {
                return null;
            }

            var (contentType, schema, mediaType) = ChooseContent(body["content"] as JsonObject);
            var type = contentType is null ? TypeRef.RawJson("The request body declares no content.") : _types.Map(schema, "the request body of " + operationId, mediaType);
            return new RequestBodySpec(type, contentType ?? "application/json", body["required"]?.Kind == JsonNodeKind.True, body.GetString("description") ?? "");
        }

        private List<ResponseSpec> ParseResponses(string operationId, JsonProperty operation, JsonNode? node)
        {
            var responses = new List<ResponseSpec>();
            if (node is not JsonObject declared || declared.Properties.Count == 0)
            {
                Report(operation, operationId, "it declares no responses; the server could return nothing it may send");
                return responses;
            }

            var caseNames = new HashSet<string>();
            foreach (var property in declared.Properties)
            {
                if (!ResponseCaseNames.TryName(property.Name, out var caseName, out var fixedStatus))
                {
                    Report(property, operationId, $"response key '{property.Name}' is not a status code (100-599), a range such as 4XX, or 'default'");
                    continue;
                }

                var resolved = LocalReferences.Follow(_document.Root, property.Value, out var broken);
                if (broken is not null)
                {
                    _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, broken, broken.Value, "this document has nothing at that pointer"));
                    continue;
                }

                var response = resolved as JsonObject;
                var (contentType, schema, mediaType) = ChooseContent(response?["content"] as JsonObject);
                responses.Add(new ResponseSpec(
                    property.Name,
                    CSharpNaming.Unique(caseName, caseNames),
                    fixedStatus,
                    contentType,
                    contentType is null ? null : _types.Map(schema, $"the {property.Name} response of {operationId}", mediaType),
                    response?.GetString("description") ?? ""));
            }

            return responses;
        }

        /// <summary>JSON first (including <c>+json</c> types such as problem+json), else the first declared.</summary>
        public static (string? ContentType, JsonNode? Schema, JsonNode? MediaType) ChooseContent(JsonObject? content)
        {
            if (content is null || content.Properties.Count == 0)
            {
                return (null, null, null);
            }

            var chosen = content.Properties.FirstOrDefault(p => p.Name == "application/json")
                ?? content.Properties.FirstOrDefault(p => p.Name.EndsWith("+json", System.StringComparison.Ordinal))
                ?? content.Properties[0];
            return (chosen.Name, (chosen.Value as JsonObject)?["schema"], chosen.Value);
        }

        private static bool TryLocation(string location, out ParameterLocation parsed)
        {
            switch (location)
            {
                case "path": parsed = ParameterLocation.Path; return true;
                case "query": parsed = ParameterLocation.Query; return true;
                case "header": parsed = ParameterLocation.Header; return true;
                case "cookie": parsed = ParameterLocation.Cookie; return true;
                default: parsed = default; return false;
            }
        }

        private void Report(JsonNode at, string operationId, string problem)
            => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidOperation, at, operationId, problem));

        private void Report(JsonProperty at, string operationId, string problem)
            => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidOperation, at, operationId, problem));
    }
}
