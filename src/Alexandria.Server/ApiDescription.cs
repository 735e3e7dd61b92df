using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Alexandria.OpenApi;
using Alexandria.OpenApi.Bundling;

namespace Alexandria.Server;

/// <summary>One document the server serves about itself: where, what bytes, which media type and entity tag.</summary>
/// <param name="Path">The URL path, e.g. <c>/output_schema.json</c>.</param>
/// <param name="Bytes">The body, fixed for the life of the process.</param>
/// <param name="MediaType">The <c>Content-Type</c>.</param>
/// <param name="ETag">A strong entity tag: the quoted SHA-256 of <paramref name="Bytes"/>.</param>
public sealed record ServedDocument(string Path, byte[] Bytes, string MediaType, string ETag);

/// <summary>
/// The API description as the server serves it: <c>/openapi.json</c> (the contract, byte for byte), every
/// contract file its <c>$ref</c>s reach at the URL each <c>$ref</c> resolves to relative to
/// <c>/openapi.json</c> (so <c>output_schema.json#/$defs/run</c> is <c>/output_schema.json</c>), and the
/// bundled single document at <c>/openapi.bundled.json</c>. Nothing else is served from the contracts.
/// </summary>
public sealed class ApiDescription
{
    /// <summary>The URL path of the bundled description.</summary>
    public const string BundledPath = "/openapi.bundled.json";

    private static readonly Lazy<ApiDescription> EmbeddedDescription = new(() => new ApiDescription(DescriptionFileSet.Load(new EmbeddedContractSource())));

    private ApiDescription(DescriptionFileSet files)
    {
        Files = files;
        var bundled = OpenApiBundler.BundleUtf8(files);
        Documents =
        [
            .. files.Files.Select(f => new ServedDocument("/" + f.Path, f.Bytes, f.MediaType, Tag(f.Bytes))),
            new ServedDocument(BundledPath, bundled, DescriptionMediaTypes.OpenApi, Tag(bundled)),
        ];
    }

    /// <summary>The description built into this server (<c>contracts/openapi.json</c> and what it references).</summary>
    /// <exception cref="DescriptionException">The embedded contracts do not resolve (a build defect, caught by the server tests).</exception>
    public static ApiDescription Embedded => EmbeddedDescription.Value;

    /// <summary>openapi.json and the files it references.</summary>
    public DescriptionFileSet Files { get; }

    /// <summary>Every served document: openapi.json, the referenced files, the bundle.</summary>
    public IReadOnlyList<ServedDocument> Documents { get; }

    /// <summary>The served document at <paramref name="path"/>, or null.</summary>
    public ServedDocument? Find(string path) => Documents.FirstOrDefault(d => d.Path == path);

    private static string Tag(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\"";
}
