using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Client;

/// <summary>
/// The hand-written half of the NSwag-generated <see cref="AlexandriaClient"/>: it serializes with the
/// source-generated converters only (so unions such as <see cref="Packet"/> and nullable members round-trip
/// exactly as the contract says, without reflection), and it can own its <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// Two ways to make one: <see cref="Create(Uri)"/> owns a new <see cref="HttpClient"/> and disposes it with
/// the client; <c>new AlexandriaClient(httpClient)</c> uses yours (its <c>BaseAddress</c> must end with '/',
/// since the generated operations use relative paths) and never disposes it.
/// </remarks>
public partial class AlexandriaClient : IDisposable
{
    private HttpClient? _ownedHttpClient;

    /// <summary>A client of the server at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:5080</c>) that owns its HTTP connection.</summary>
    public static AlexandriaClient Create(Uri baseAddress) => Create(baseAddress, apiKey: null);

    /// <summary>
    /// A client of the server at <paramref name="baseAddress"/> that sends <paramref name="apiKey"/> with every request
    /// (<c>Authorization: Bearer &lt;key&gt;</c>, as <c>alexandria serve</c> expects); null or empty sends none.
    /// </summary>
    public static AlexandriaClient Create(Uri baseAddress, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var http = new HttpClient { BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/") };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return new AlexandriaClient(http) { _ownedHttpClient = http };
    }

    /// <summary>Disposes the <see cref="HttpClient"/> when <see cref="Create(Uri)"/> made it; a client you passed in is left alone.</summary>
    public void Dispose()
    {
        _ownedHttpClient?.Dispose();
        _ownedHttpClient = null;
        GC.SuppressFinalize(this);
    }

    // Only the generated converters: every body and response of openapi.json is a generated type.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.TypeInfoResolver = OutputSchemaJson.Resolver;
}
