using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Alexandria.Testing;

/// <summary>
/// Clusters that outlive their test process. <c>pg_ctl start</c> detaches the server, so a test host that is
/// SIGKILLed (an aborted <c>dotnet test</c>, a blame-hang kill, a crashed fixture) leaves a running postmaster and its
/// data directory in the system temp. Each cluster directory therefore holds an <c>owner</c> file naming the process
/// that started it (pid and start time, so a reused pid does not pass for the owner), and every cluster start first
/// reaps the directories whose owner is gone. A cluster whose owner lives is never touched: other test runs share
/// this machine.
/// </summary>
public sealed partial class PostgresCluster
{
    private const string DirectoryPrefix = "alx-pg-";
    private const string OwnerFileName = "owner";

    /// <summary>
    /// A directory without an owner file (made before owner files existed, or between its creation and the owner
    /// file's write) is only taken once it is this old and no server runs in it: a live cluster's directory without a
    /// running server is one in initdb or between a test's server kill and restart, minutes at most.
    /// </summary>
    public static readonly TimeSpan UnmarkedMinimumAge = TimeSpan.FromHours(1);

    /// <summary>The directory the cluster lives in: data directory, socket, log and owner file (null before the start).</summary>
    public string? RootDirectory => _directory;

    private void WriteOwner()
    {
        int pid = Environment.ProcessId;
        File.WriteAllText(
            Path.Combine(_directory!, OwnerFileName),
            string.Create(CultureInfo.InvariantCulture, $"{pid} {ProcFs.StartTicks(pid)}"));
    }

    /// <summary>
    /// Stops and deletes every cluster in the system temp whose owning process has exited, and returns their
    /// directories. Linux only (owners are read from /proc); elsewhere it does nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReapAbandonedAsync()
    {
        var reaped = new List<string>();
        if (!Directory.Exists("/proc"))
        {
            return reaped;
        }

        string? binDirectory = null;
        foreach (string directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            if (!TryClaimAbandoned(directory))
            {
                continue;
            }

            binDirectory ??= FindBinDirectory();
            var abandoned = new PostgresCluster
            {
                _directory = directory,
                _binDirectory = binDirectory,
                _asServiceUser = Environment.UserName == "root" || IsRoot(),
                _started = ServerRunsIn(directory),
            };
            try
            {
                await abandoned.DisposeAsync().ConfigureAwait(false);
                reaped.Add(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run's reaper got there first, or a file resists; the next start tries again.
            }
        }

        return reaped;
    }

    /// <summary>
    /// True when <paramref name="directory"/> is abandoned and this process may reap it: its owner is gone and this
    /// process won the rename of its owner file (so two starts never reap the same directory), or it has no owner
    /// file, is old and no server runs in it.
    /// </summary>
    private static bool TryClaimAbandoned(string directory)
    {
        string owner = Path.Combine(directory, OwnerFileName);
        try
        {
            if (!File.Exists(owner))
            {
                return Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow - UnmarkedMinimumAge && !ServerRunsIn(directory);
            }

            string[] fields = File.ReadAllText(owner).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long startTicks))
            {
                return false;
            }

            if (ProcFs.IsAlive(pid) && ProcFs.StartTicks(pid) == startTicks)
            {
                return false;
            }

            File.Move(owner, owner + ".reaping");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile (its owner finished, or another reaper claimed it).
            return false;
        }
    }

    /// <summary>
    /// True when the postmaster named in the directory's lock file runs and serves this directory (its command line
    /// names the data directory), so a pid reused by another process is never signalled.
    /// </summary>
    private static bool ServerRunsIn(string directory)
    {
        string data = Path.Combine(directory, "data");
        string pidFile = Path.Combine(data, "postmaster.pid");
        try
        {
            string? first = File.Exists(pidFile) ? File.ReadLines(pidFile).FirstOrDefault() : null;
            return int.TryParse(first?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int postmaster)
                && ProcFs.IsAlive(postmaster)
                && (ProcFs.CommandLine(postmaster)?.Contains(data, StringComparison.Ordinal) ?? false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
