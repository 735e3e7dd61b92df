using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using Alexandria.Cli.Output;
using Alexandria.Handoff;
using Alexandria.Handoff.Bundles;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary><c>handoff close --mission "&lt;name&gt;"</c> (the pickup protocol) and <c>handoff verify</c>.</summary>
internal static class ClosureCommands
{
    public static Command Close()
    {
        var mission = new Option<string>("--mission") { Description = "The mission to close, in your own words (as its review packet names it).", Required = true };
        var baseRef = new Option<string?>("--base") { Description = "Include governance documents changed since this commit (uncommitted changes always are)." };
        var autoOpen = new Option<bool>("--auto-open") { Description = "Open the pickup folder in the file browser afterwards (no window opens otherwise)." };
        var repo = HandoffOptions.Repo();
        var command = new Command("close", "Bundle the mission (review, council, readiness packets, evidence logs, modified governance docs) with a MANIFEST, and copy it to artifacts/for_ceo/.");
        foreach (var option in new Option[] { mission, baseRef, autoOpen, repo })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            var output = CliOutput.For(result, null);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var closure = new ClosureBundle(workspace).Close(result.GetValue(mission)!, result.GetValue(baseRef));
                output.Out.WriteLine("Closed '" + result.GetValue(mission) + "': " + (closure.Entries.Count - 1) + " file(s) and MANIFEST.md; copied to " + workspace.Layout.Relative(workspace.Layout.ForCeo) + "/.");
                output.Out.WriteLine(closure.PathLine);
                if (result.GetValue(autoOpen))
                {
                    OpenFolder(workspace.Layout.ForCeo);
                }

                return HandoffOptions.Ok;
            });
        });
        return command;
    }

    public static Command Verify()
    {
        var target = new Argument<string>("target") { Description = "A closure bundle (.zip), or a READINESS packet whose attestation to check." };
        var repo = HandoffOptions.Repo();
        var format = OutputOptions.Format();
        var command = new Command("verify", "Check a closure bundle against its MANIFEST, or a READINESS packet's SHA-256 attestation against the files; exits 1 on any difference.");
        command.Arguments.Add(target);
        command.Options.Add(repo);
        command.Options.Add(format);
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var what = result.GetValue(target)!;
                var problems = what.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? BundleVerifier.Verify(what) : VerifyReadiness(result.GetValue(repo), what);
                if (output.Mode == OutputMode.Json)
                {
                    output.WriteJson(new VerifyReport(what, problems.Count == 0, problems), HandoffJsonContext.Default.VerifyReport);
                }
                else
                {
                    foreach (var problem in problems)
                    {
                        output.Out.WriteLine("MISMATCH " + problem);
                    }

                    output.Out.WriteLine(problems.Count == 0 ? "Verified: " + what : "NOT verified: " + what + " (" + problems.Count + " problem(s))");
                }

                return problems.Count == 0 ? HandoffOptions.Ok : HandoffOptions.RuleFailed;
            });
        });
        return command;
    }

    private static System.Collections.Generic.IReadOnlyList<string> VerifyReadiness(DirectoryInfo? repo, string packetOrFile)
    {
        var workspace = HandoffOptions.Open(repo);
        var packet = File.Exists(packetOrFile) ? workspace.Store.LoadFile(packetOrFile) : workspace.Store.Load(packetOrFile);
        if (packet is not ReadinessPacket readiness)
        {
            throw new HandoffException(packet.PacketId + " is a " + packet.PacketType + " packet; verify checks closure bundles (.zip) and READINESS packets");
        }

        return readiness.Attestation is null
            ? [readiness.PacketId + " has no attestation (it was written in Mode 0; run 'alexandria handoff preflight --mode 1')"]
            : Hashing.Check(workspace.Layout, readiness.Attestation);
    }

    /// <summary>The platform's file browser on a folder (only with --auto-open).</summary>
    private static void OpenFolder(string folder)
    {
        var opener = OperatingSystem.IsWindows() ? "explorer.exe" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, [folder]) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine("note: could not open the file browser (" + opener + "): " + e.Message);
        }
    }
}
