using System;
using System.Net.Http;
using System.Threading.Tasks;
using Alexandria.Client;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Scenarios;
using Alexandria.Runtime.Storage;
using Npgsql;
using Alexandria.Cli.Output;

namespace Alexandria.Cli.Commands;

/// <summary>
/// Turns the failures the runtime reports on purpose (damaged records, unsafe run ids, an unreachable
/// server, a scripted event the contract refuses) into one readable line and an exit code, instead
/// of a stack trace. Always on standard error, so a script reading stdout sees no half report.
/// </summary>
internal static class RuntimeFailures
{
    public static async Task<int> ReportAsync(CliOutput output, Func<Task<int>> command, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageException or InvalidStoragePathException or NpgsqlException
                                       or EventValidationException or InlinePayloadTooLargeException or ScenarioFormatException)
        {
            output.Error($"[red]{e.GetType().Name}:[/] {e.Message}");
            return exitCode;
        }
        catch (AlexandriaApiException e)
        {
            // The server's problem body says what and where; NSwag's message only names the status.
            var problem = e.Problem();
            output.Error($"[red]Server answered {e.StatusCode}:[/] {problem?.Title ?? e.Message}{(problem?.Detail is { } detail ? " - " + detail : "")}");
            return exitCode;
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or OverflowException or TaskCanceledException)
        {
            output.Error($"[red]{e.GetType().Name}:[/] {e.Message}");
            return exitCode;
        }
    }
}
