using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alexandria.Contracts;

namespace Alexandria.Client;

/// <summary>
/// The hand-written half of the NSwag-generated <see cref="AlexandriaClient"/>: it serializes with the
/// source-generated converters (so unions such as <see cref="Packet"/> and nullable members round-trip
/// exactly as the contract says), and it offers a constructor from a base address.
/// </summary>
public partial class AlexandriaClient
{
    /// <summary>A client of the server at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:5080</c>) over <paramref name="httpClient"/>.</summary>
    /// <remarks>The generated operations use relative paths, so the base address is given a trailing slash.</remarks>
    public static AlexandriaClient Create(Uri baseAddress, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var client = httpClient ?? new HttpClient();
        client.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new AlexandriaClient(client);
    }

    // The generated converters first; reflection would see a union's abstract base and fail.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
        => settings.TypeInfoResolver = JsonTypeInfoResolver.Combine(OutputSchemaJson.Resolver, settings.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
}
