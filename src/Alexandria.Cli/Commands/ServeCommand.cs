using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Server;

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
        var command = new Command("serve", "Serve the runtime API (contracts/openapi.json) over HTTP.")
        {
            urlsOption, storeOption, postgresOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(CliOutput.For(parse, format: null), () => ServeAsync(
            parse.GetValue(urlsOption)!, parse.GetValue(storeOption)!, parse.GetValue(postgresOption), cancellationToken), exitCode: 2));
        return command;
    }

    private static async Task<int> ServeAsync(string urls, DirectoryInfo store, string? postgres, CancellationToken cancellationToken)
    {
        var host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StoreDirectory = store.FullName,
            PostgresConnectionString = postgres,
        }, cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"Alexandria API on {string.Join(", ", host.Addresses)} ({StoreLocation.Describe(store, postgres)}); Ctrl+C stops.").ConfigureAwait(false);
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
