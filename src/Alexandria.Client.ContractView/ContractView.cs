using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alexandria.Generators.Emitting;

namespace Alexandria.Client.ContractView;

/// <summary>
/// The view of <c>openapi.json</c> that NSwag generates the client from: the same paths, operations,
/// parameters and responses, with every <c>output_schema.json#/$defs/x</c> reference turned into
/// <c>#/components/schemas/X</c>, where <c>X</c> is the C# type the Alexandria generator emitted for
/// <c>x</c>, and each such component an opaque object.
/// </summary>
/// <remarks>
/// Why a view and not the contract itself: NSwag 14.7 cannot resolve <c>#/$defs/…</c> inside an external
/// schema file, names types after the definition key (<c>Append_events_request</c>), turns a <c>oneOf</c>
/// with a discriminator into its first branch and drops <c>["string","null"]</c> nullability. The client is
/// generated with <c>GenerateDtoTypes=false</c>, so NSwag needs only the names: the shapes, unions and
/// nullability are the source-generated types', serialized by their generated converters.
/// </remarks>
public static class ContractView
{
    private const string ExternalPrefix = "output_schema.json#/$defs/";
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>Reads <paramref name="openApiPath"/> and the schema files it references; returns the view as JSON.</summary>
    public static string Create(string openApiPath)
    {
        var openApi = Parse(openApiPath);
        var schemaPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(openApiPath))!, "output_schema.json");
        var definitions = Parse(schemaPath)["$defs"] as JsonObject
            ?? throw new ContractViewException(schemaPath, "output_schema.json has no $defs object at /$defs.");

        var components = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Rewrite(openApi, "", openApiPath, definitions, components);

        var schemas = new JsonObject();
        foreach (var (typeName, key) in components)
        {
            schemas[typeName] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"Alexandria.Contracts.{typeName}, generated from output_schema.json#/$defs/{key}.",
            };
        }

        if (openApi["components"] is not JsonObject componentsNode)
        {
            componentsNode = new JsonObject();
            openApi["components"] = componentsNode;
        }
        componentsNode["schemas"] = schemas;
        return openApi.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Rewrite(JsonNode? node, string pointer, string file, JsonObject definitions, IDictionary<string, string> components)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
                {
                    obj["$ref"] = ComponentPrefix + TypeNameOf(target, pointer + "/$ref", file, definitions, components);
                }
                foreach (var (name, child) in obj.ToArray())
                {
                    if (name != "$ref")
                    {
                        Rewrite(child, pointer + "/" + Escape(name), file, definitions, components);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Rewrite(array[i], pointer + "/" + i, file, definitions, components);
                }
                break;
        }
    }

    private static string TypeNameOf(string target, string pointer, string file, JsonObject definitions, IDictionary<string, string> components)
    {
        if (!target.StartsWith(ExternalPrefix, StringComparison.Ordinal) || target.IndexOf('/', ExternalPrefix.Length) >= 0)
        {
            throw new ContractViewException(file,
                $"{pointer}: the client view supports references to output_schema.json#/$defs/<name> only, not '{target}'.");
        }

        var key = target[ExternalPrefix.Length..];
        if (definitions[key] is not JsonObject definition)
        {
            throw new ContractViewException(file, $"{pointer}: '{target}' does not resolve: output_schema.json has no /$defs/{key}.");
        }

        var nameOverride = definition[SchemaNaming.NameOverrideKeyword] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        var typeName = SchemaNaming.TypeName(key, nameOverride);
        components[typeName] = key;
        return typeName;
    }

    private static JsonObject Parse(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ContractViewException(path, "the document is not a JSON object.");
        }
        catch (JsonException invalid)
        {
            throw new ContractViewException(path, $"not valid JSON (line {invalid.LineNumber + 1}, byte {invalid.BytePositionInLine + 1}): {invalid.Message}", invalid);
        }
        catch (IOException missing)
        {
            throw new ContractViewException(path, missing.Message, missing);
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
