using System.Collections.Generic;
using System.Text;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>One operation of <c>paths</c> with the C# stem it is named by.</summary>
    /// <param name="OperationId">The declared operationId, or null when the name was synthesized from method and path.</param>
    internal sealed record CatalogedOperation(JsonProperty Path, JsonObject PathItem, JsonProperty MethodProperty, JsonObject Operation, JsonString? OperationId, string Id, string Name)
    {
        public string Method => MethodProperty.Name;

        public bool IsSynthesized => OperationId is null;
    }

    /// <summary>
    /// The operations of a document in document order, each with its name: from <c>operationId</c>, or — when
    /// there is none — synthesized from the method and the path (<c>GET /pets/{petId}/toys</c> →
    /// <c>GetPetsByPetIdToys</c>), which stays the same whatever else in the document changes. The server parser
    /// and the schema view share it, so inline schemas are named from the same operation names.
    /// </summary>
    internal static class OperationCatalog
    {
        public static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        public static IEnumerable<CatalogedOperation> Enumerate(JsonObject root)
        {
            foreach (var path in (root["paths"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                if (path.Value is not JsonObject pathItem)
                {
                    continue;
                }

                foreach (var operationProperty in pathItem.Properties)
                {
                    if (System.Array.IndexOf(Methods, operationProperty.Name) < 0 || operationProperty.Value is not JsonObject operation)
                    {
                        continue;
                    }

                    if (operation["operationId"] is JsonString operationId && operationId.Value.Length > 0)
                    {
                        yield return new CatalogedOperation(path, pathItem, operationProperty, operation, operationId, operationId.Value, CSharpNaming.ToPascalCase(operationId.Value));
                    }
                    else
                    {
                        var name = SynthesizedName(operationProperty.Name, path.Name);
                        yield return new CatalogedOperation(path, pathItem, operationProperty, operation, null, name, name);
                    }
                }
            }
        }

        /// <summary><c>get</c> + <c>/pets/{petId}/toys</c> → <c>GetPetsByPetIdToys</c>; <c>/</c> alone → <c>GetRoot</c>.</summary>
        public static string SynthesizedName(string method, string path) => CSharpNaming.ToPascalCase(method) + PathStem(path);

        /// <summary>The name a path contributes: its segments in PascalCase, a parameter as <c>By{Name}</c>.</summary>
        public static string PathStem(string path)
        {
            var name = new StringBuilder();
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0)
                {
                    continue;
                }

                var parameter = segment.StartsWith("{", System.StringComparison.Ordinal) && segment.EndsWith("}", System.StringComparison.Ordinal);
                var word = CSharpNaming.ToPascalCase(parameter ? segment.Substring(1, segment.Length - 2) : segment);
                name.Append(parameter ? "By" + word : word);
            }

            return name.Length == 0 ? "Root" : name.ToString();
        }
    }
}
