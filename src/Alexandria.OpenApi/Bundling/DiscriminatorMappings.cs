using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi.Bundling;

/// <summary>
/// Gives each closed union of the bundle the OpenAPI <c>discriminator</c> its contract already implies. The
/// contracts mark a union with <c>x-alexandria-discriminator: "kind"</c> and give every case a <c>const</c>
/// for that member; OpenAPI tools do not read our extension, and without a <c>discriminator</c> Kiota's
/// union wrapper cannot tell the cases apart and reads every event back empty. The mapping is derived from the
/// cases' <c>const</c> values, so it says nothing the contract does not (in OpenAPI 3.1 it is an annotation:
/// validation is unchanged). A union that already has a <c>discriminator</c> keeps it.
/// </summary>
internal static class DiscriminatorMappings
{
    private const string Extension = "x-alexandria-discriminator";

    /// <summary>Adds <c>discriminator</c> to every schema in <c>components.schemas</c> of <paramref name="bundle"/> that carries the extension.</summary>
    /// <param name="bundle">The bundled document; every reference in it is local.</param>
    /// <param name="origin">Where a component came from, for errors: its file and pointer.</param>
    public static void Add(JsonObject bundle, Func<string, (DescriptionFile File, string Pointer)?> origin)
    {
        if (bundle["components"]?["schemas"] is not JsonObject schemas)
        {
            return;
        }
        foreach (var (name, node) in schemas)
        {
            if (node is not JsonObject union || union.ContainsKey("discriminator")
                || union[Extension] is not JsonValue extension || !extension.TryGetValue<string>(out var property))
            {
                continue;
            }
            var cases = union["oneOf"] as JsonArray ?? union["anyOf"] as JsonArray;
            if (cases is null)
            {
                continue;
            }
            var mapping = new JsonObject();
            for (var i = 0; i < cases.Count; i++)
            {
                var reference = (cases[i] as JsonObject)?["$ref"]?.GetValue<string>();
                var value = reference is null ? null : ConstOf(bundle, reference, property, depth: 0);
                if (value is null || mapping.ContainsKey(value))
                {
                    throw Problem(origin(name), $"{Extension} \"{property}\": case {i} of the union is not a $ref to a schema whose '{property}' has a distinct const value; " +
                        "the union cannot be given an OpenAPI discriminator");
                }
                mapping[value] = reference;
            }
            union["discriminator"] = new JsonObject { ["propertyName"] = property, ["mapping"] = mapping };
        }
    }

    /// <summary>The <c>const</c> of <paramref name="property"/> in the schema <paramref name="reference"/> names, looking through <c>allOf</c>.</summary>
    private static string? ConstOf(JsonObject bundle, string reference, string property, int depth)
    {
        if (depth > 16 || !reference.StartsWith('#')
            || !JsonPointer.TryEvaluate(bundle, Uri.UnescapeDataString(reference[1..]), out var target) || target is not JsonObject schema)
        {
            return null;
        }
        if (schema["properties"]?[property] is JsonObject member && member["const"] is JsonValue constant && constant.TryGetValue<string>(out var text))
        {
            return text;
        }
        foreach (var part in schema["allOf"] as JsonArray ?? [])
        {
            var found = part is JsonObject partSchema && partSchema["$ref"]?.GetValue<string>() is { } inner
                ? ConstOf(bundle, inner, property, depth + 1)
                : ConstOfInline(part, property);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static string? ConstOfInline(JsonNode? schema, string property)
        => schema?["properties"]?[property]?["const"] is JsonValue constant && constant.TryGetValue<string>(out var text) ? text : null;

    private static DescriptionException Problem((DescriptionFile File, string Pointer)? origin, string problem)
        => origin is { } at ? DescriptionFileSet.At(at.File, at.Pointer, problem) : new DescriptionException("(bundle)", 0, 0, "", problem);
}
