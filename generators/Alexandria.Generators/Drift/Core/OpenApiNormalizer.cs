using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Normalizes an OpenAPI 3.1 document into operations keyed by method and path shape
    /// (<c>GET /runs/{}</c>, so renaming a path parameter is not a new path), with path-level
    /// parameters merged in, local <c>$ref</c>s to parameters, bodies and responses resolved, parameters
    /// keyed by location and name (path parameters by position), and every schema normalized.
    /// </summary>
    internal static class OpenApiNormalizer
    {
        private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };
        private static readonly HashSet<string> DroppedOperationMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "summary", "description", "tags", "externalDocs", "servers", "parameters", "requestBody", "responses", "operationId", "callbacks",
        };

        private static readonly Regex PathParameter = new Regex(@"\{[^}/]*\}", RegexOptions.CultureInvariant);

        public static CanonicalNode Document(JsonObject root)
        {
            var members = new List<CanonicalMember>();
            if (root.GetProperty("paths") is { Value: JsonObject paths } pathsProperty)
            {
                var operations = new List<CanonicalMember>();
                foreach (var pathItem in paths.Properties)
                {
                    if (Resolve(root, pathItem.Value) is not JsonObject item)
                    {
                        continue;
                    }

                    foreach (var method in item.Properties.Where(p => Methods.Contains(p.Name)))
                    {
                        if (method.Value is JsonObject operation)
                        {
                            var key = method.Name.ToUpperInvariant() + " " + PathShape(pathItem.Name);
                            operations.Add(new CanonicalMember(key, Operation(root, pathItem, item, method, operation), method.NameStart, method.NameLength));
                        }
                    }
                }

                members.Add(CanonicalMember.From(pathsProperty, CanonicalNode.Object(operations, paths.Start, paths.Length)));
            }

            if (root.GetProperty("components") is { Value: JsonObject components } componentsProperty
                && components.GetProperty("schemas") is { Value: JsonObject schemas } schemasProperty)
            {
                var normalizedSchemas = CanonicalNode.Object(schemas.Properties.Select(p => CanonicalMember.From(p, SchemaNormalizer.Schema(p.Value))), schemas.Start, schemas.Length);
                members.Add(CanonicalMember.From(componentsProperty, CanonicalNode.Object(new[] { CanonicalMember.From(schemasProperty, normalizedSchemas) }, components.Start, components.Length)));
            }

            foreach (var name in new[] { "jsonSchemaDialect", "security", "webhooks" })
            {
                if (root.GetProperty(name) is { } property)
                {
                    members.Add(CanonicalMember.From(property, Generic(property.Value)));
                }
            }

            return CanonicalNode.Object(members, root.Start, root.Length);
        }

        /// <summary><c>/runs/{runId}/events</c> → <c>/runs/{}/events</c>.</summary>
        public static string PathShape(string path) => PathParameter.Replace(path, "{}");

        private static CanonicalNode Operation(JsonObject root, JsonProperty pathItem, JsonObject item, JsonProperty method, JsonObject operation)
        {
            var members = new List<CanonicalMember>
            {
                new CanonicalMember("method", CanonicalNode.String(method.Name, method.NameStart, method.NameLength), method.NameStart, method.NameLength),
                new CanonicalMember("path", CanonicalNode.String(pathItem.Name, pathItem.NameStart, pathItem.NameLength), pathItem.NameStart, pathItem.NameLength),
            };

            if (operation.GetProperty("operationId") is { } operationId)
            {
                members.Add(CanonicalMember.From(operationId, CanonicalNode.From(operationId.Value)));
            }

            // Operation-level parameters override path-level ones with the same location and name.
            var parameters = new Dictionary<string, CanonicalMember>(StringComparer.Ordinal);
            var parametersAnchor = operation.GetProperty("parameters") ?? item.GetProperty("parameters");
            foreach (var source in new[] { item["parameters"], operation["parameters"] })
            {
                if (source is not JsonArray list)
                {
                    continue;
                }

                foreach (var entry in list.Items)
                {
                    if (Resolve(root, entry) is JsonObject parameter)
                    {
                        var key = ParameterKey(pathItem.Name, parameter);
                        var nameProperty = parameter.GetProperty("name");
                        parameters[key] = new CanonicalMember(key, Parameter(parameter), nameProperty?.NameStart ?? parameter.Start, nameProperty?.NameLength ?? 1);
                    }
                }
            }

            var parametersNode = parametersAnchor is null
                ? CanonicalNode.Object(parameters.Values)
                : CanonicalNode.Object(parameters.Values, parametersAnchor.Value.Start, parametersAnchor.Value.Length);
            members.Add(parametersAnchor is null
                ? new CanonicalMember("parameters", parametersNode)
                : new CanonicalMember("parameters", parametersNode, parametersAnchor.NameStart, parametersAnchor.NameLength));

            if (operation.GetProperty("requestBody") is { } bodyProperty && Resolve(root, bodyProperty.Value) is JsonObject body)
            {
                members.Add(CanonicalMember.From(bodyProperty, WithContent(root, body)));
            }

            if (operation.GetProperty("responses") is { Value: JsonObject responses } responsesProperty)
            {
                var normalized = responses.Properties
                    .Select(r => CanonicalMember.From(r, Resolve(root, r.Value) is JsonObject response ? WithContent(root, response) : Generic(r.Value)));
                members.Add(CanonicalMember.From(responsesProperty, CanonicalNode.Object(normalized, responses.Start, responses.Length)));
            }

            foreach (var property in operation.Properties.Where(p => !DroppedOperationMembers.Contains(p.Name)))
            {
                members.Add(CanonicalMember.From(property, Generic(property.Value)));
            }

            return CanonicalNode.Object(members, operation.Start, operation.Length);
        }

        private static string ParameterKey(string path, JsonObject parameter)
        {
            var location = parameter.GetString("in") ?? "query";
            var name = parameter.GetString("name") ?? "";
            if (location == "path")
            {
                var index = PathParameter.Matches(path).Cast<Match>().Select(m => m.Value.Substring(1, m.Value.Length - 2)).ToList().IndexOf(name);
                if (index >= 0)
                {
                    return "path:" + index.ToString(CultureInfo.InvariantCulture);
                }
            }

            // Header names are case-insensitive.
            return location + ":" + (location == "header" ? name.ToLowerInvariant() : name);
        }

        private static CanonicalNode Parameter(JsonObject parameter)
        {
            var members = new List<CanonicalMember>();
            foreach (var property in parameter.Properties)
            {
                if (SchemaNormalizer.DroppedAnnotations.Contains(property.Name))
                {
                    continue;
                }

                members.Add(CanonicalMember.From(property, property.Name == "schema" ? SchemaNormalizer.Schema(property.Value) : Generic(property.Value)));
            }

            return CanonicalNode.Object(members, parameter.Start, parameter.Length);
        }

        /// <summary>A request body or response: its content map's schemas normalized, headers resolved.</summary>
        private static CanonicalNode WithContent(JsonObject root, JsonObject value)
        {
            var members = new List<CanonicalMember>();
            foreach (var property in value.Properties)
            {
                if (SchemaNormalizer.DroppedAnnotations.Contains(property.Name))
                {
                    continue;
                }

                if (property.Name == "content" && property.Value is JsonObject content)
                {
                    var mediaTypes = content.Properties.Select(m => CanonicalMember.From(m, m.Value is JsonObject mediaType ? MediaType(mediaType) : Generic(m.Value)));
                    members.Add(CanonicalMember.From(property, CanonicalNode.Object(mediaTypes, content.Start, content.Length)));
                }
                else if (property.Name == "headers" && property.Value is JsonObject headers)
                {
                    var normalized = headers.Properties.Select(h => new CanonicalMember(
                        h.Name.ToLowerInvariant(),
                        Resolve(root, h.Value) is JsonObject header ? Parameter(header) : Generic(h.Value),
                        h.NameStart,
                        h.NameLength));
                    members.Add(CanonicalMember.From(property, CanonicalNode.Object(normalized, headers.Start, headers.Length)));
                }
                else
                {
                    members.Add(CanonicalMember.From(property, Generic(property.Value)));
                }
            }

            return CanonicalNode.Object(members, value.Start, value.Length);
        }

        private static CanonicalNode MediaType(JsonObject mediaType)
        {
            var members = mediaType.Properties
                .Where(p => !SchemaNormalizer.DroppedAnnotations.Contains(p.Name))
                .Select(p => CanonicalMember.From(p, p.Name == "schema" ? SchemaNormalizer.Schema(p.Value) : Generic(p.Value)));
            return CanonicalNode.Object(members, mediaType.Start, mediaType.Length);
        }

        /// <summary>Any other value: annotations dropped at every level, the rest kept as written.</summary>
        private static CanonicalNode Generic(JsonNode value)
        {
            if (value is JsonObject obj)
            {
                return CanonicalNode.Object(
                    obj.Properties.Where(p => !SchemaNormalizer.DroppedAnnotations.Contains(p.Name) && p.Name != "summary").Select(p => CanonicalMember.From(p, Generic(p.Value))),
                    obj.Start,
                    obj.Length);
            }

            return value is JsonArray array ? CanonicalNode.Array(array.Items.Select(Generic), array.Start, array.Length) : CanonicalNode.From(value);
        }

        /// <summary>Follows a local <c>$ref</c> (<c>#/components/...</c>); anything else is returned as is.</summary>
        private static JsonNode Resolve(JsonObject root, JsonNode node)
        {
            for (var hops = 0; hops < 16 && node is JsonObject obj && obj.GetString("$ref") is string reference && reference.StartsWith("#/", StringComparison.Ordinal); hops++)
            {
                JsonNode? current = root;
                foreach (var token in reference.Substring(2).Split('/'))
                {
                    var name = token.Replace("~1", "/").Replace("~0", "~");
                    current = current is JsonObject o ? o[name] : null;
                }

                if (current is null)
                {
                    return node;
                }

                node = current;
            }

            return node;
        }
    }
}
