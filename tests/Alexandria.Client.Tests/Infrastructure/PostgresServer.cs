using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Alexandria.Server;
using Microsoft.Extensions.Logging;

namespace Alexandria.Client.Tests.Infrastructure;

/// <summary>
/// The real server on a free loopback port over a throwaway PostgreSQL cluster (its own database), with the
/// generated client and a raw <see cref="HttpClient"/> pointed at it. Shared by every test class here.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alexandria-client-tests-" + Guid.NewGuid().ToString("N"));
    private AlexandriaServerHost? _host;

    /// <summary>The generated client.</summary>
    public AlexandriaClient Client { get; private set; } = null!;

    /// <summary>Raw HTTP, for what a well-behaved client never sends and for reading exact response bytes.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The API key the server accepts; <see cref="Http"/> sends it.</summary>
    public const string ApiKey = "client-tests-key-0123456789";

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's store directory (its object store), for what a test must do to the files behind the API.</summary>
    public string StoreDirectory => _directory;

    /// <summary>The database the server writes to.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        ConnectionString = await _cluster.CreateDatabaseAsync("client_tests");
        _host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            StoreDirectory = _directory,
            PostgresConnectionString = ConnectionString,
            MinimumLogLevel = LogLevel.Critical,
            Configure = settings =>
            {
                settings.ApiKeys.Add(ApiKey);
                // These tests compact on request and count the events they appended; automatic compaction is the server tests' subject.
                settings.AutomaticCompaction = false;
            },
        });
        BaseAddress = new Uri(_host.Addresses[0].TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        Client = new AlexandriaClient(Http);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await _cluster.DisposeAsync();
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

/// <summary>Every test class here shares one server and one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "server on postgres";
}
