using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Alexandria.Server.Tests;

/// <summary>
/// A real Kestrel server on a free loopback port over a throwaway filesystem store (or PostgreSQL, given a database, with
/// objects in the throwaway directory), with the settings a test gives it.
/// </summary>
public sealed class OwnServer : IAsyncDisposable
{
    private readonly string _directory;

    private OwnServer(AlexandriaServerHost host, string directory, string? apiKey)
    {
        Host = host;
        _directory = directory;
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        Anonymous = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public AlexandriaServerHost Host { get; }

    /// <summary>The throwaway store directory, for what a test must do to the files behind the API (damage an object).</summary>
    public string StoreDirectory => _directory;

    /// <summary>A client that sends the first configured API key (none when the server has none).</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous { get; }

    public int Port => Client.BaseAddress!.Port;

    public static async Task<OwnServer> StartAsync(
        Action<AlexandriaServerSettings> configure, IReadOnlyList<string>? urls = null, string? settingsFile = null, string? postgresConnectionString = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alexandria-server-tests-" + Guid.NewGuid().ToString("N"));
        string? apiKey = null;
        var host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = urls ?? ["http://127.0.0.1:0"],
            StoreDirectory = directory,
            PostgresConnectionString = postgresConnectionString,
            MinimumLogLevel = LogLevel.Error,
            SettingsFile = settingsFile,
            Configure = settings =>
            {
                configure(settings);
                apiKey = settings.ApiKeys.Count > 0 ? settings.ApiKeys[0] : null;
            },
        });
        return new OwnServer(host, directory, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
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
