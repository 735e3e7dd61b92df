using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>Small, targeted edits to a JSON Schema contract for drift tests.</summary>
public static class ContractMutations
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Removes property <paramref name="property"/> from <c>$defs/<paramref name="definition"/></c> (and from its required list).</summary>
    public static string RemoveProperty(string schemaJson, string definition, string property)
    {
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        var def = root["$defs"]![definition]!.AsObject();
        Assert.True(def["properties"]!.AsObject().Remove(property), $"{definition} has no property {property}");
        if (def["required"] is JsonArray required)
        {
            foreach (var item in required.Where(r => r!.GetValue<string>() == property).ToList())
            {
                required.Remove(item);
            }
        }

        return root.ToJsonString(Indented);
    }
}
