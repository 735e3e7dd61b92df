using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Runtime.Storage;
using Alexandria.Server;
using Microsoft.AspNetCore.Builder;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria serve --urls http://127.0.0.1:5080</c>: the runtime's HTTP API over the chosen store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urlsOption = new Option<string>("--urls")
        {
            Description = "Semicolon-separated URLs to listen on, e.g. http://127.0.0.1:5080 (port 0 picks a free port).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();
        var apiKeyOption = new Option<string[]>("--api-key")
        {
            Description = "An API key clients must send (Authorization: Bearer <key> or X-Api-Key); repeatable. Also read from "
                + "Alexandria:Server:ApiKeys in appsettings.json, Alexandria__Server__ApiKeys__0 and ALEXANDRIA_API_KEY.",
            AllowMultipleArgumentsPerToken = false,
        };
        var insecureOption = new Option<bool>("--insecure-no-auth")
        {
            Description = "Serve every operation without credentials (local use only; loopback addresses only).",
        };
        var settingsOption = new Option<FileInfo?>("--settings")
        {
            Description = "A JSON settings file (section Alexandria:Server) read after appsettings.json and the environment.",
        };
        var ttlOption = new Option<int?>("--handoff-ttl-hours") { Description = "TTL of packets that state none (default 72)." };
        var inlineCapOption = new Option<int?>("--inline-cap-bytes") { Description = "Largest event or metadata document stored inline (default 65536)." };
        var maxArtifactOption = new Option<long?>("--max-artifact-bytes") { Description = "Largest artifact content an upload may carry (default 1073741824)." };
        var thresholdOption = new Option<int?>("--event-threshold") { Description = "Counted events since the latest snapshot that make the server compact (default 18)." };
        var fallbackOption = new Option<int?>("--step-fallback") { Description = "Steps since the latest snapshot that make the server compact (default 8)." };
        var noCompactionOption = new Option<bool>("--no-auto-compaction") { Description = "Compact only on request (POST /runs/{runId}/compactions)." };
        var clusterOption = new Option<bool>("--cluster")
        {
            Description = "Join an Orleans cluster over the --postgres database: each run is a grain, writes go to it wherever it lives, "
                + "a dead silo's runs move to the others (settings: Alexandria:Cluster; docs/cluster.md).",
        };
        var siloPortOption = new Option<int?>("--silo-port") { Description = "With --cluster: this silo's port for other silos (default 11111; unique per silo on one machine)." };
        var gatewayPortOption = new Option<int?>("--gateway-port") { Description = "With --cluster: port for Orleans clients (default 0: none)." };
        var clusterIdOption = new Option<string?>("--cluster-id") { Description = "With --cluster: silos with the same id form one cluster (default alexandria)." };
        var command = new Command("serve", "Serve the runtime API (contracts/openapi.json) over HTTP; every operation needs an API key unless --insecure-no-auth.")
        {
            urlsOption, storeOption, postgresOption, apiKeyOption, insecureOption, settingsOption, ttlOption, inlineCapOption, maxArtifactOption, thresholdOption, fallbackOption, noCompactionOption,
            clusterOption, siloPortOption, gatewayPortOption, clusterIdOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(CliOutput.For(parse, format: null), () => ServeAsync(
            parse.GetValue(urlsOption)!, parse.GetValue(storeOption)!, parse.GetValue(postgresOption), parse.GetValue(settingsOption), settings =>
            {
                foreach (var key in parse.GetValue(apiKeyOption) ?? [])
                {
                    settings.ApiKeys.Add(key);
                }
                settings.InsecureNoAuth |= parse.GetValue(insecureOption);
                settings.AutomaticCompaction &= !parse.GetValue(noCompactionOption);
                settings.HandoffTtlHours = parse.GetValue(ttlOption) ?? settings.HandoffTtlHours;
                settings.InlineCapBytes = parse.GetValue(inlineCapOption) ?? settings.InlineCapBytes;
                settings.MaxArtifactBytes = parse.GetValue(maxArtifactOption) ?? settings.MaxArtifactBytes;
                settings.CompactionEventThreshold = parse.GetValue(thresholdOption) ?? settings.CompactionEventThreshold;
                settings.CompactionStepFallback = parse.GetValue(fallbackOption) ?? settings.CompactionStepFallback;
            },
            parse.GetValue(clusterOption) ? ClusterServe.Hook(parse.GetValue(siloPortOption), parse.GetValue(gatewayPortOption), parse.GetValue(clusterIdOption)) : null,
            cancellationToken), exitCode: 2));
        return command;
    }

    private static async Task<int> ServeAsync(string urls, DirectoryInfo store, string? postgres, FileInfo? settingsFile, Action<AlexandriaServerSettings> flags,
        Action<WebApplicationBuilder, IRuntimeStore, AlexandriaServerSettings>? cluster, CancellationToken cancellationToken)
    {
        var host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StoreDirectory = store.FullName,
            PostgresConnectionString = postgres,
            SettingsFile = settingsFile?.FullName,
            Configure = flags,
            ConfigureHost = cluster,
        }, cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var mode = cluster is null ? "" : ", cluster silo";
            await Console.Out.WriteLineAsync($"Alexandria API on {string.Join(", ", host.Addresses)} ({StoreLocation.Describe(store, postgres)}{mode}); Ctrl+C stops.").ConfigureAwait(false);
            try
            {
                // The host's console lifetime takes SIGTERM (and Ctrl+C) itself and stops the host without
                // cancelling this command's token: wait for the host, not only for the token, or a stopped
                // server never exits.
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM seen by the command line first: stop cleanly.
            }
        }
        return 0;
    }
}
