using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>One real Kestrel server on a free loopback port over a throwaway filesystem store, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private OwnServer? _server;

    /// <summary>The API key the server accepts; <see cref="Client"/> sends it.</summary>
    public const string ApiKey = "test-key-0123456789abcdef";

    private OwnServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A client that sends <see cref="ApiKey"/>.</summary>
    public HttpClient Client => Server.Client;

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous => Server.Anonymous;

    /// <summary>The running host, for what the API cannot do itself (writing a compaction snapshot).</summary>
    public AlexandriaServerHost Host => Server.Host;

    public async Task InitializeAsync() => _server = await OwnServer.StartAsync(settings => settings.ApiKeys.Add(ApiKey));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
