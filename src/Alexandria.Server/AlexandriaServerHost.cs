using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// A JSON settings file read after the host's own configuration (<c>appsettings.json</c> in the current
    /// directory, environment variables); its <see cref="AlexandriaServerSettings.SectionName"/> section wins over theirs.
    /// </summary>
    public string? SettingsFile { get; init; }

    /// <summary>Applied last, after every configuration source: how <c>alexandria serve</c>'s flags win.</summary>
    public Action<AlexandriaServerSettings>? Configure { get; init; }

    /// <summary>The clock of run records, handoff TTLs and compactions; the system clock by default.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>
    /// Adds to the host before it is built, with the open store and the final settings: how <c>serve --cluster</c> makes
    /// the process a silo. An <see cref="IRunWriter"/> it registers receives every run write (else writes stay in-process).
    /// </summary>
    public Action<WebApplicationBuilder, IRuntimeStore, AlexandriaServerSettings>? ConfigureHost { get; init; }
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

    /// <summary>
    /// Reads the settings, opens the store, maps the API and starts listening. Refuses to start without an API key
    /// unless <see cref="AlexandriaServerSettings.InsecureNoAuth"/> is set, and without keys on a non-loopback address.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range, no key is configured, or an unauthenticated server would listen beyond loopback.</exception>
    public static async Task<AlexandriaServerHost> StartAsync(AlexandriaServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        if (options.SettingsFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
        var settings = ReadSettings(builder.Configuration);
        options.Configure?.Invoke(settings);
        settings.Validate();
        if (settings.InsecureNoAuth && options.Urls.FirstOrDefault(url => !IsLoopback(url)) is { } exposed)
        {
            throw new ArgumentException($"--insecure-no-auth serves without credentials, so it listens on loopback only; '{exposed}' is not a loopback address.", nameof(options));
        }

        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions
        {
            RootDirectory = options.StoreDirectory,
            PostgresConnectionString = string.IsNullOrWhiteSpace(options.PostgresConnectionString) ? null : options.PostgresConnectionString,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.MaxRequestBodySize = ServerEndpoints.MaxBodyBytes + 1;
                kestrel.UseProblemRefusals();
            });
            builder.WebHost.UseUrls([.. options.Urls]);
            builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
                .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, scheme => scheme.Accept(settings.ApiKeys));
            builder.Services.AddAuthorization();
            options.ConfigureHost?.Invoke(builder, store, settings);
            var app = builder.Build();
            app.UseAlexandriaProblemStatusPages();
            app.UseAuthentication();
            app.UseAuthorization();
            var server = new RuntimeServer(store, options.StoreDirectory, settings, options.Time, app.Services.GetRequiredService<ILogger<RuntimeServer>>(), app.Services.GetService<IRunWriter>());
            app.MapAlexandriaRuntime(server, requireAuthorization: !settings.InsecureNoAuth);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new AlexandriaServerHost(app, store);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The <see cref="AlexandriaServerSettings.SectionName"/> section, plus a key in <c>ALEXANDRIA_API_KEY</c>.</summary>
    private static AlexandriaServerSettings ReadSettings(IConfiguration configuration)
    {
        var settings = new AlexandriaServerSettings();
        configuration.GetSection(AlexandriaServerSettings.SectionName).Bind(settings);
        if (Environment.GetEnvironmentVariable("ALEXANDRIA_API_KEY") is { Length: > 0 } key)
        {
            settings.ApiKeys.Add(key);
        }
        return settings;
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
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
