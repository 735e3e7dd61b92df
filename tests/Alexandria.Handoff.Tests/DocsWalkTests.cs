using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>
/// The Done-when of the handoff protocol: a new user follows docs/handoff.md on a fresh git repository. The test takes
/// the "full build cycle" block out of the document and runs it with bash exactly as written (with <c>alexandria</c>
/// being the built CLI), so the document cannot drift from what the tool does.
/// </summary>
public sealed class DocsWalkTests : IDisposable
{
    private static readonly string DocPath = typeof(DocsWalkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HandoffDocPath").Value!;

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "alx-docwalk-" + Guid.NewGuid().ToString("N")[..12]);

    public DocsWalkTests() => Directory.CreateDirectory(_parent);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    /// <summary>The bash block under "A full build cycle on a fresh repository".</summary>
    private static string CycleBlock()
    {
        var doc = File.ReadAllText(DocPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = doc[doc.IndexOf("## A full build cycle on a fresh repository", StringComparison.Ordinal)..];
        var match = Regex.Match(section, "```bash\n(.*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/handoff.md has no bash block in its full-cycle section");
        return match.Groups[1].Value;
    }

    [Fact]
    public void The_documented_build_cycle_runs_as_written_on_a_fresh_repository_and_delivers_the_bundle_to_for_ceo()
    {
        var script = "alexandria() { dotnet \"" + CliProcess.CliPath + "\" \"$@\"; }\n" + CycleBlock() + "\n";
        var (exit, stdout, stderr) = Bash(script);
        var all = stdout + stderr;
        var demo = Path.Combine(_parent, "demo");
        var packets = Directory.GetFiles(Path.Combine(demo, "artifacts", "packets"), "*.json").Select(Path.GetFileName).ToList();

        Assert.True(exit == 0, all);
        Assert.DoesNotContain("error:", all, StringComparison.Ordinal);
        // Context request and response, ingested with the exact ACK line.
        var response = Assert.Single(packets, p => p!.StartsWith("resp-", StringComparison.Ordinal))![..^".json".Length];
        Assert.Contains("ACK loaded context " + response + ".\n", stdout, StringComparison.Ordinal);
        Assert.Single(packets, p => p!.StartsWith("req-", StringComparison.Ordinal));
        // The handoff (Mode 1, with its SHA-256), the council check on the real diff, the attested preflight.
        Assert.Single(packets, p => p!.StartsWith("handoff-", StringComparison.Ordinal));
        Assert.Matches("SHA-256: [0-9a-f]{64}", stdout);
        Assert.Contains("Council required: CT-1", stdout, StringComparison.Ordinal);
        Assert.Single(packets, p => p!.StartsWith("council-", StringComparison.Ordinal));
        Assert.Single(packets, p => p!.StartsWith("ready-", StringComparison.Ordinal));
        // The closure bundle, its copyable path, and the pickup folder.
        var pathLine = stdout.Split('\n').Single(l => l.StartsWith("📦 Path: ", StringComparison.Ordinal));
        var zip = pathLine["📦 Path: ".Length..];
        Assert.True(File.Exists(zip), pathLine);
        var pickup = Directory.GetFiles(Path.Combine(demo, "artifacts", "for_ceo")).Select(Path.GetFileName).ToList();
        Assert.Contains(Path.GetFileName(zip), pickup);
        Assert.Contains(pickup, f => f!.StartsWith("review-", StringComparison.Ordinal));
        Assert.DoesNotContain("lin-", all, StringComparison.Ordinal);
    }

    private (int Exit, string Stdout, string Stderr) Bash(string script)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _parent,
        };
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the documented cycle did not finish");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
