using System.Collections.Generic;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;

namespace Alexandria.Cli.Tests;

/// <summary>No escape bytes where nobody can render them, or where the user said no colour.</summary>
public sealed class ColourTests
{
    private static readonly string Examples = System.IO.Path.Combine(CliProcess.RepoRoot, "contracts", "examples");

    [Fact]
    public async Task A_table_forced_onto_redirected_output_has_no_escape_bytes()
    {
        var result = await CliProcess.RunAsync("validate", Examples, "--output", "table");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("│", result.Stdout, System.StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task NO_COLOR_leaves_no_escape_bytes_in_any_format_even_on_a_CI_runner_that_Spectre_would_colour()
    {
        // GITHUB_ACTIONS=true makes Spectre's default enrichers force ANSI on; the CLI turns them off.
        var environment = new Dictionary<string, string> { ["NO_COLOR"] = "1", ["GITHUB_ACTIONS"] = "true", ["TERM"] = "xterm-256color" };
        foreach (var format in new[] { "table", "plain", "json" })
        {
            var result = await CliProcess.RunAsync(["validate", Examples, "-o", format], environment);

            Assert.True(result.Exit == 0, result.ToString());
            Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
        }

        var failure = await CliProcess.RunAsync(["validate", "no-such-folder", "-o", "table", "--no-color"], environment);
        Assert.Equal(2, failure.Exit);
        Assert.DoesNotContain('\u001b', failure.Stderr);
    }
}
