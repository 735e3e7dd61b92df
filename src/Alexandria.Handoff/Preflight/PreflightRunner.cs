using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;

namespace Alexandria.Handoff.Preflight;

/// <summary>The preflight's outcome: the READINESS packet written and the log it cites.</summary>
public sealed record PreflightOutcome(ReadinessPacket Packet, string LogPath);

/// <summary>
/// Preflight in the seed's order: (1) the readiness script if it exists, else (2) the fallback test command, then
/// (3) the state file's Blockers section, then (4) <c>artifacts/packets/blocked/</c>. Every step's output goes to a
/// log under <c>logs/preflight/</c> (Mode 0 evidence); Mode 1 and 2 add a SHA-256 attestation of the log and of the
/// files the steps read to the READINESS packet.
/// </summary>
public sealed class PreflightRunner
{
    private readonly HandoffWorkspace _workspace;

    public PreflightRunner(HandoffWorkspace workspace) => _workspace = workspace;

    public PreflightOutcome Run(PacketOrigin origin)
    {
        var layout = _workspace.Layout;
        var config = _workspace.Config;
        var log = new StringBuilder();
        var steps = new List<ReadinessStep>();
        var inputs = new List<string>();
        log.Append(CultureInfo.InvariantCulture, $"# preflight {_workspace.Now:yyyy-MM-ddTHH:mm:ssZ} at {_workspace.Git.ResolveCommit("HEAD") ?? "(no commit yet)"}\n");

        var script = layout.Absolute(config.ReadinessScript);
        if (File.Exists(script))
        {
            inputs.Add(script);
            var (exit, output) = CommandRunner.Script(layout.Root, config.ReadinessScript);
            steps.Add(Step(ReadinessStepName.ReadinessScript, exit == 0, config.ReadinessScript + " exited with " + exit, log, output));
            steps.Add(Skipped(ReadinessStepName.TestCommand, "not needed: the readiness script ran", log));
        }
        else
        {
            steps.Add(Skipped(ReadinessStepName.ReadinessScript, config.ReadinessScript + " does not exist", log));
            var command = config.TestCommand ?? DefaultTestCommand(layout.Root);
            if (command is null)
            {
                steps.Add(Step(ReadinessStepName.TestCommand, false, "no readiness script and no test command: set test_command in handoff.yaml", log, ""));
            }
            else
            {
                var (exit, output) = CommandRunner.Shell(layout.Root, command);
                steps.Add(Step(ReadinessStepName.TestCommand, exit == 0, "'" + command + "' exited with " + exit, log, output));
            }
        }

        var state = layout.Absolute(config.StateFile);
        if (File.Exists(state))
        {
            inputs.Add(state);
            var blockers = StateBlockers.Read(File.ReadAllText(state));
            steps.Add(Step(ReadinessStepName.StateBlockers, blockers.Count == 0,
                blockers.Count == 0 ? config.StateFile + ": no blockers" : config.StateFile + " lists " + blockers.Count + " blocker(s): " + string.Join("; ", blockers), log, ""));
        }
        else
        {
            steps.Add(Skipped(ReadinessStepName.StateBlockers, config.StateFile + " does not exist", log));
        }

        var blocked = BlockedPackets(layout);
        inputs.AddRange(blocked);
        steps.Add(Step(ReadinessStepName.BlockedPackets, blocked.Count == 0,
            blocked.Count == 0 ? "no blocked packets" : blocked.Count + " blocked packet(s): " + string.Join(", ", blocked.Select(Path.GetFileNameWithoutExtension)), log, ""));

        var ready = steps.All(s => s.Status != ReadinessStepStatus.Failed);
        log.Append("result: ").Append(ready ? "ready" : "not ready").Append('\n');
        var logPath = WriteLog(layout, log.ToString());
        var attestation = origin.Mode == HandoffMode.Mode0 ? null : Hashing.Attest(layout, logPath, inputs);
        var packet = new PacketFactory(_workspace).Readiness(origin, ready ? ReadinessPacketResult.Ready : ReadinessPacketResult.NotReady, steps, layout.Relative(logPath), attestation);
        return new PreflightOutcome(packet, logPath);
    }

    /// <summary>The repository's own test command when handoff.yaml names none.</summary>
    public static string? DefaultTestCommand(string root)
    {
        if (File.Exists(Path.Combine(root, "test.sh")) && !OperatingSystem.IsWindows())
        {
            return "bash test.sh";
        }

        if (File.Exists(Path.Combine(root, "test.ps1")))
        {
            return "pwsh -NoProfile -File test.ps1";
        }

        if (Directory.EnumerateFiles(root, "*.sln*").Any())
        {
            return "dotnet test";
        }

        return Directory.Exists(Path.Combine(root, "runtime", "tests")) ? "pytest runtime/tests -q" : null;
    }

    /// <summary>Packet files in blocked/ (not their reason files), sorted.</summary>
    public static IReadOnlyList<string> BlockedPackets(HandoffLayout layout)
        => !Directory.Exists(layout.Blocked) ? [] : Directory.EnumerateFiles(layout.Blocked, "*.json")
            .Where(f => !f.EndsWith(".reason.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private string WriteLog(HandoffLayout layout, string text)
    {
        Directory.CreateDirectory(layout.PreflightLogs);
        var stamp = _workspace.Now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(layout.PreflightLogs, "preflight_" + stamp + ".log");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(layout.PreflightLogs, "preflight_" + stamp + "_" + n + ".log");
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    private static ReadinessStep Step(ReadinessStepName name, bool passed, string detail, StringBuilder log, string output)
    {
        var status = passed ? ReadinessStepStatus.Passed : ReadinessStepStatus.Failed;
        log.Append("## ").Append(ReadinessStepNameJsonConverter.ToJsonValue(name)).Append(": ").Append(passed ? "passed" : "FAILED").Append(" — ").Append(detail).Append('\n');
        if (output.Length > 0)
        {
            log.Append(output);
            if (!output.EndsWith('\n'))
            {
                log.Append('\n');
            }
        }

        return new ReadinessStep { Name = name, Status = status, Detail = detail };
    }

    private static ReadinessStep Skipped(ReadinessStepName name, string detail, StringBuilder log)
    {
        log.Append("## ").Append(ReadinessStepNameJsonConverter.ToJsonValue(name)).Append(": skipped — ").Append(detail).Append('\n');
        return new ReadinessStep { Name = name, Status = ReadinessStepStatus.Skipped, Detail = detail };
    }
}
