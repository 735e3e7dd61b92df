using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace Alexandria.Client.Tests.Infrastructure;

/// <summary>One response an operation of <c>openapi.json</c> declares: its status, media type and schema definition.</summary>
public sealed record DeclaredResponse(string OperationId, string Method, string Path, int Status, string MediaType, string Definition)
{
    /// <summary>The <see cref="Definition"/> of a binary response (<c>format: binary</c>), which has none.</summary>
    public const string Binary = "";

    public override string ToString() => $"{OperationId} {Status}";
}

/// <summary>Reads what <c>contracts/openapi.json</c> declares, so the tests follow the contract rather than a list of their own.</summary>
public static class OpenApiContract
{
    private const string DefinitionPrefix = "output_schema.json#/$defs/";

    public static IReadOnlyList<DeclaredResponse> Responses { get; } = Read();

    public static IEnumerable<string> OperationIds => Responses.Select(r => r.OperationId).Distinct();

    private static IReadOnlyList<DeclaredResponse> Read()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples.ContractsPath, "openapi.json")))!;
        var responses = new List<DeclaredResponse>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    var (mediaType, media) = response!["content"]!.AsObject().Single();
                    if ((string?)media!["schema"]!["format"] == "binary")
                    {
                        // Bytes (artifact content): no schema definition to validate against.
                        responses.Add(new DeclaredResponse((string)operation["operationId"]!, method.ToUpperInvariant(), path,
                            int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), mediaType, DeclaredResponse.Binary));
                        continue;
                    }
                    var reference = (string)media!["schema"]!["$ref"]!;
                    if (!reference.StartsWith(DefinitionPrefix, StringComparison.Ordinal))
                    {
                        throw new InvalidDataException($"{path} {method} {status}: expected a $ref into output_schema.json, found '{reference}'.");
                    }
                    responses.Add(new DeclaredResponse((string)operation["operationId"]!, method.ToUpperInvariant(), path,
                        int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), mediaType, reference[DefinitionPrefix.Length..]));
                }
            }
        }
        return responses;
    }
}
