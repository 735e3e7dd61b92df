using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Xunit.Abstractions;

namespace Alexandria.Agents.Tests.Loop;

/// <summary>
/// Agent runs SIGKILLed at random points and resumed until they finish (tests/Alexandria.Agents.CrashHost): no side
/// effect of the non-idempotent tool happens twice, no event is lost or duplicated, every run completes.
/// </summary>
public abstract class CrashResumeTests(ITestOutputHelper output)
{
    private const int Runs = 50;

    private string? _postgres;

    /// <summary>The PostgreSQL database to use, or null for the embedded filesystem store.</summary>
    protected abstract Task<string?> ConnectionStringAsync();

    [Fact]
    public async Task Runs_killed_at_random_points_resume_to_completion_without_repeating_a_side_effect()
    {
        _postgres = await ConnectionStringAsync();
        var root = Path.Combine(Path.GetTempPath(), "alexandria-agent-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var kills = 0;
        var interruptedNotes = 0;
        try
        {
            for (var run = 0; run < Runs; run++)
            {
                var runId = "crash-" + run.ToString(CultureInfo.InvariantCulture);
                var effects = Path.Combine(root, runId + ".effects");
                var random = new Random(run);
                var finished = false;
                for (var attempt = 0; attempt < 30 && !finished; attempt++)
                {
                    var mode = attempt == 0 || await LastSeqAsync(root, runId) == 0 ? "run" : "resume";
                    var (status, killed) = await RunOnceAsync(root, runId, mode, effects, seed: run * 100 + attempt, killAfterMs: attempt < 3 ? random.Next(0, 300) : null);
                    kills += killed ? 1 : 0;
                    if (status is not null)
                    {
                        Assert.Equal("finished Completed", status);
                        finished = true;
                    }
                }

                Assert.True(finished, $"{runId} never finished");
                interruptedNotes += await VerifyAsync(root, runId, effects);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        output.WriteLine($"{Runs} runs, {kills} SIGKILLs, {interruptedNotes} interrupted non-idempotent calls reported instead of repeated.");
        Assert.True(kills >= Runs, $"only {kills} kills landed");
    }

    /// <summary>Returns the number of note calls the resume reported as interrupted (effect unknown) instead of repeating.</summary>
    private async Task<int> VerifyAsync(string root, string runId, string effects)
    {
        await using var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root, PostgresConnectionString = _postgres });
        var log = new TypedEventLog(store.Events, store.Objects);
        var events = new List<RunEvent>();
        await foreach (var logged in log.ReadRangeAsync(runId))
        {
            Assert.Equal(events.Count + 1, logged.Seq);
            events.Add(logged.Event);
        }

        var acts = events.OfType<ActEvent>().ToList();
        Assert.Equal(10, acts.Count);
        Assert.Equal(acts.Count, acts.Select(a => a.Payload.CallId).Distinct().Count());
        var observes = events.OfType<ObserveEvent>().ToList();
        Assert.Equal(acts.Select(a => a.Payload.CallId), observes.Select(o => o.Payload.CallId));

        // Each note call's side effect happened at most once, and only for a call the log announced first.
        var lines = File.Exists(effects) ? File.ReadAllLines(effects) : Array.Empty<string>();
        Assert.Equal(lines.Length, lines.Distinct().Count());
        var notes = acts.Where(a => a.Payload.ToolName == "record_note").Select(a => runId + "/" + a.Payload.CallId).ToHashSet();
        Assert.All(lines, line => Assert.Contains(line, notes));
        var interrupted = observes.Count(o => o.Payload.Summary.Contains("was not run again", StringComparison.Ordinal));
        Assert.True(lines.Length + interrupted >= notes.Count, "a note call neither ran nor was reported");
        return interrupted;
    }

    private async Task<long> LastSeqAsync(string root, string runId)
    {
        await using var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root, PostgresConnectionString = _postgres });
        return await store.Events.GetLastSeqAsync(runId);
    }

    /// <summary>Runs the host once; kills it <paramref name="killAfterMs"/> after it started when given. Returns its last line when it finished.</summary>
    private async Task<(string? Status, bool Killed)> RunOnceAsync(string root, string runId, string mode, string effects, int seed, int? killAfterMs)
    {
        var host = typeof(CrashResumeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AgentCrashHostPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { host, root, runId, mode, effects, seed.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (_postgres is not null)
        {
            start.ArgumentList.Add(_postgres);
        }

        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != "started")
            {
                await child.WaitForExitAsync(timeout.Token);
                Assert.Fail($"agent crash host failed ({mode}, exit {child.ExitCode}): {line}\n{await child.StandardError.ReadToEndAsync()}");
            }

            if (killAfterMs is { } delay)
            {
                await Task.Delay(delay);
                if (!child.HasExited)
                {
                    child.Kill(); // SIGKILL: no finally blocks, no flush.
                    await child.WaitForExitAsync(timeout.Token);
                    return (null, true);
                }
            }

            var rest = await child.StandardOutput.ReadToEndAsync(timeout.Token);
            await child.WaitForExitAsync(timeout.Token);
            var last = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (child.ExitCode != 0 || last is null || !last.StartsWith("finished", StringComparison.Ordinal))
            {
                Assert.Fail($"agent crash host ended without finishing ({mode}, exit {child.ExitCode}): {rest}\n{await child.StandardError.ReadToEndAsync()}");
            }

            return (last, false);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }
}

public sealed class FileSystemCrashResumeTests(ITestOutputHelper output) : CrashResumeTests(output)
{
    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}

[Collection(Alexandria.Runtime.Tests.Infrastructure.PostgresCollection.Name)]
public sealed class PostgresCrashResumeTests(PostgresCluster cluster, ITestOutputHelper output) : CrashResumeTests(output)
{
    protected override async Task<string?> ConnectionStringAsync() => await cluster.CreateDatabaseAsync("agent_crash");
}
