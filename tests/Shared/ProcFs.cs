using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Alexandria.Testing;

/// <summary>The few process facts the crash tests need, read from Linux's /proc.</summary>
public static class ProcFs
{
    /// <summary>Processes whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && ParentOf(pid) == parent)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        string? stat = ReadStat(pid);
        return stat is not null && StateOf(stat) != 'Z';
    }

    /// <summary>SIGKILL; a process that is already gone is fine.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// CPU time <paramref name="pid"/> has used so far (user + system, from <c>/proc/pid/stat</c> in USER_HZ ticks,
    /// which Linux fixes at 100 per second); null once it is gone.
    /// </summary>
    public static TimeSpan? CpuTime(int pid)
    {
        string? stat = ReadStat(pid);
        if (stat is null)
        {
            return null;
        }

        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>
    /// When <paramref name="pid"/> started, in clock ticks since boot (<c>/proc/pid/stat</c> field 22): with the pid it
    /// names one process for good, since a pid is reused but never together with its start time. Null once it is gone.
    /// </summary>
    public static long? StartTicks(int pid)
    {
        string? stat = ReadStat(pid);
        return stat is null ? null : long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments joined by spaces; null once it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ParentOf(int pid)
    {
        string? stat = ReadStat(pid);
        if (stat is null)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
