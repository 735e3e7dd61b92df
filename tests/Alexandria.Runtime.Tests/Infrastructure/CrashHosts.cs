using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>Starts and SIGKILLs the crash host (tests/Alexandria.Runtime.CrashHost), a writer that appends to one run forever.</summary>
public static class CrashHosts
{
    /// <summary>Starts one crash host and returns once it has committed its first append.</summary>
    /// <param name="ackFile">Where the host acknowledges each committed write (see the host's usage).</param>
    public static async Task<Process> StartAsync(string root, string run, int seed, string? connectionString, string ackFile)
    {
        Process child = Process.Start(HostStartInfo(root, run, seed, connectionString, ackFile))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line = await child.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "appending")
        {
            await child.WaitForExitAsync(timeout.Token);
            Assert.Fail($"crash host did not start (exit {child.ExitCode}): {line}\n{await child.StandardError.ReadToEndAsync()}");
        }

        return child;
    }

    /// <summary>
    /// Runs one crash host with a kill point armed (<c>ALEXANDRIA_TEST_KILL_AT</c>) until it SIGKILLs itself there.
    /// Fails when the host stops any other way, or has not reached the point within a minute.
    /// </summary>
    public static async Task RunUntilKilledAtAsync(string root, string run, int seed, string? connectionString, string ackFile, string killAt)
    {
        ProcessStartInfo startInfo = HostStartInfo(root, run, seed, connectionString, ackFile);
        startInfo.Environment["ALEXANDRIA_TEST_KILL_AT"] = killAt;
        using Process child = Process.Start(startInfo)!;
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            await child.WaitForExitAsync();
            Assert.Fail($"crash host never reached kill point {killAt} within a minute: {await stderr}");
        }

        string errors = await stderr;
        await stdout;

        // 128 + SIGKILL: the host killed itself, and only the armed point does that.
        Assert.True(child.ExitCode == 137 && errors.Contains($"kill point {killAt}", StringComparison.Ordinal), $"crash host armed at {killAt} stopped otherwise (exit {child.ExitCode}): {errors}");
    }

    /// <summary>
    /// Starts <c>CrashHost postgres-cluster</c>, which starts a throwaway cluster as a fixture does and holds it until
    /// its stdin closes; returns once the cluster runs, with its directory and postmaster pid.
    /// </summary>
    public static async Task<HeldCluster> StartClusterHolderAsync()
    {
        ProcessStartInfo startInfo = BaseStartInfo();
        startInfo.RedirectStandardInput = true;
        startInfo.ArgumentList.Add("postgres-cluster");
        Process child = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? line = await child.StandardOutput.ReadLineAsync(timeout.Token);
        string[] fields = line?.Split(' ') ?? [];
        if (fields is not ["cluster", _, _])
        {
            child.Kill();
            await child.WaitForExitAsync(timeout.Token);
            Assert.Fail($"cluster holder did not start (exit {child.ExitCode}): {line}\n{await child.StandardError.ReadToEndAsync()}");
        }

        return new HeldCluster(child, fields[1], int.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    private static ProcessStartInfo HostStartInfo(string root, string run, int seed, string? connectionString, string ackFile)
    {
        ProcessStartInfo startInfo = BaseStartInfo();
        startInfo.ArgumentList.Add(root);
        startInfo.ArgumentList.Add(run);
        startInfo.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        if (connectionString is not null)
        {
            startInfo.ArgumentList.Add(connectionString);
        }

        startInfo.Environment["DOTNET_TieredPGO"] = "0";
        startInfo.Environment["ALEXANDRIA_CRASH_ACK_FILE"] = ackFile;
        return startInfo;
    }

    private static ProcessStartInfo BaseStartInfo()
    {
        string host = typeof(CrashHosts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashHostPath").Value!;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(host);
        return startInfo;
    }

    /// <summary>SIGKILLs every child still running (no finalizers, no flush, no cleanup), waits for them and disposes them.</summary>
    public static async Task KillAsync(IEnumerable<Process> children)
    {
        try
        {
            foreach (Process child in children.Where(c => !c.HasExited))
            {
                child.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            foreach (Process child in children)
            {
                await child.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            foreach (Process child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }

                child.Dispose();
            }
        }
    }
}
