using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Alexandria.Server.Tests;

/// <summary>One real Kestrel server on a free loopback port over a throwaway filesystem store, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alexandria-server-tests-" + Guid.NewGuid().ToString("N"));
    private AlexandriaServerHost? _host;

    /// <summary>The API key the server accepts; <see cref="Client"/> sends it.</summary>
    public const string ApiKey = "test-key-0123456789abcdef";

    /// <summary>A client that sends <see cref="ApiKey"/>.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The running host, for what the API cannot do itself (writing a compaction snapshot).</summary>
    public AlexandriaServerHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            StoreDirectory = _directory,
            MinimumLogLevel = LogLevel.Error,
            Configure = settings => settings.ApiKeys.Add(ApiKey),
        });
        Client = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        Anonymous = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
