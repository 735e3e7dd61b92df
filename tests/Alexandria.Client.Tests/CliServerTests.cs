using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.Contracts;

namespace Alexandria.Client.Tests;

/// <summary><c>alexandria inspect --server</c>: the CLI reading a remote run through the generated client.</summary>
[Collection(PostgresServerCollection.Name)]
public sealed class CliServerTests(PostgresServer server)
{
    [Fact]
    public async Task Inspect_with_server_shows_the_remote_runs_events_and_snapshots()
    {
        var runId = Examples.NewRunId("cli");
        await server.Client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Inspect me remotely." });
        await server.Client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 18) });
        var snapshot = await server.Client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual });

        var (exit, output) = await RunCliAsync("inspect", runId, "--server", server.BaseAddress.ToString());

        Assert.True(exit == 0, output);
        Assert.Contains("Events 1..20 of 20", output, StringComparison.Ordinal);
        Assert.Contains("Latest snapshot narrative", output, StringComparison.Ordinal);
        Assert.Contains("Snapshots (1)", output, StringComparison.Ordinal);
        Assert.Contains(snapshot.SnapshotId.ToString()[..8], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_with_server_reports_a_missing_run_and_an_unreachable_server_without_a_stack_trace()
    {
        var (missingExit, missing) = await RunCliAsync("inspect", Examples.NewRunId("nobody"), "--server", server.BaseAddress.ToString());
        var (downExit, down) = await RunCliAsync("inspect", "any-run", "--server", "http://127.0.0.1:9/");

        Assert.Equal(2, missingExit);
        Assert.Contains("has no events in the server at", missing, StringComparison.Ordinal);
        Assert.Equal(2, downExit);
        Assert.Contains("HttpRequestException", down, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", down, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] arguments)
    {
        // ALEXANDRIA_API_KEY is what `inspect --server` sends.
        var result = await CliProcess.RunAsync(arguments, new Dictionary<string, string> { ["COLUMNS"] = "240", ["ALEXANDRIA_API_KEY"] = PostgresServer.ApiKey });
        return (result.Exit, result.All);
    }
}
