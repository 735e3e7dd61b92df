using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alexandria.Server;

/// <summary>What <see cref="AlexandriaServerHost.StartAsync"/> needs: where to listen and which store to serve.</summary>
public sealed class AlexandriaServerOptions
{
    /// <summary>URLs to listen on, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>Root directory of the embedded store (and of the object store and server documents with PostgreSQL).</summary>
    public required string StoreDirectory { get; init; }

    /// <summary>Npgsql connection string; null or empty for the embedded filesystem store.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Log level of the ASP.NET Core host; warnings by default.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
}

/// <summary>A running Alexandria HTTP server: the Kestrel host plus the store it owns.</summary>
public sealed class AlexandriaServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IRuntimeStore _store;

    private AlexandriaServerHost(WebApplication app, IRuntimeStore store)
    {
        _app = app;
        _store = store;
    }

    /// <summary>The store the server serves (owned by the host: disposed with it).</summary>
    public IRuntimeStore Store => _store;

    /// <summary>The addresses the server actually listens on (port 0 resolved).</summary>
    public IReadOnlyList<string> Addresses => [.. _app.Urls];

    /// <summary>Opens the store, maps the API and starts listening.</summary>
    public static async Task<AlexandriaServerHost> StartAsync(AlexandriaServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions
        {
            RootDirectory = options.StoreDirectory,
            PostgresConnectionString = string.IsNullOrWhiteSpace(options.PostgresConnectionString) ? null : options.PostgresConnectionString,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ServerEndpoints.MaxBodyBytes + 1);
            builder.WebHost.UseUrls([.. options.Urls]);
            var app = builder.Build();
            app.UseAlexandriaProblemStatusPages();
            app.MapAlexandriaRuntime(new RuntimeServer(store, options.StoreDirectory));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new AlexandriaServerHost(app, store);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host shuts down (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
