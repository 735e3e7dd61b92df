using System;
using System.IO;
using System.Threading.Tasks;

namespace Alexandria.Cli.Tests.Infrastructure;

/// <summary>
/// One scripted run, played once per test class by the real CLI into a throwaway embedded store whose
/// path and run id are deliberately longer than an 80-column line, so any wrapping or truncation shows.
/// </summary>
public sealed class RecordedRun : IAsyncLifetime
{
    /// <summary>57 characters (the run-id rule allows 64): with the store path, far past 80 columns.</summary>
    public string RunId { get; } = "output-fits-" + Guid.NewGuid().ToString("N") + "-0123456789ab";

    public string Store { get; } = Path.Combine(
        Path.GetTempPath(), "alexandria-cli-tests-" + Guid.NewGuid().ToString("N"), "a-store-directory-with-a-long-name", "nested", "deeper");

    /// <summary>What <c>alexandria run</c> printed, redirected and with no <c>--output</c>.</summary>
    public CliResult Played { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Played = await CliProcess.RunAsync(
            "run", "--scenario", Path.Combine(CliProcess.RepoRoot, "scenarios", "fallback-steps.json"), "--run-id", RunId, "--store", Store);
        Assert.True(Played.Exit == 0, Played.ToString());
    }

    public Task DisposeAsync()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Store)))!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
