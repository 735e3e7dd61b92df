using System;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi;

/// <summary>One file of a description: its bytes as written, what kind of document it is, and its parsed form.</summary>
public sealed class DescriptionFile
{
    internal DescriptionFile(string path, byte[] bytes, JsonNode root)
    {
        Path = path;
        Bytes = bytes;
        Root = root;
        IsOpenApi = root is JsonObject obj && obj.TryGetPropertyValue("openapi", out var version) && version is JsonValue;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The file relative to the description's folder, <c>/</c>-separated (<c>output_schema.json</c>).</summary>
    public string Path { get; }

    /// <summary>The file's bytes, unchanged.</summary>
    public byte[] Bytes { get; }

    /// <summary>True for an OpenAPI document, false for a JSON Schema document.</summary>
    public bool IsOpenApi { get; }

    /// <summary>The media type to serve it with: JSON for an OpenAPI document, <c>application/schema+json</c> for a schema.</summary>
    public string MediaType => IsOpenApi ? DescriptionMediaTypes.OpenApi : DescriptionMediaTypes.JsonSchema;

    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/> (the served ETag).</summary>
    public string Sha256 { get; }

    /// <summary>The parsed document; read-only by convention (the bundler works on clones).</summary>
    internal JsonNode Root { get; }
}

/// <summary>The media types description files are served with.</summary>
public static class DescriptionMediaTypes
{
    /// <summary>OpenAPI documents, as ASP.NET Core's own OpenAPI endpoint and Swashbuckle serve them.</summary>
    public const string OpenApi = "application/json";

    /// <summary>JSON Schema documents (draft 2020-12 §9.5.1).</summary>
    public const string JsonSchema = "application/schema+json";
}
