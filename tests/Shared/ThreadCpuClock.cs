using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Alexandria.Testing;

/// <summary>
/// The CPU the calling thread has used, for tests that assert how a cost grows (a linear-time guarantee) without
/// reading the wall clock: a thread waiting for a core on a loaded machine accrues none, so two measurements taken
/// in the same run compare the work done, not how busy the machine was. Units are the platform's (nanoseconds on
/// Linux and macOS, cycles on Windows): only ratios of two readings mean anything.
/// </summary>
internal static class ThreadCpuClock
{
    /// <summary>The calling thread's CPU so far, in the platform's unit.</summary>
    public static long Now()
    {
        if (OperatingSystem.IsWindows())
        {
            return QueryThreadCycleTime(GetCurrentThread(), out var cycles) ? (long)cycles : throw new InvalidOperationException("QueryThreadCycleTime failed");
        }

        // CLOCK_THREAD_CPUTIME_ID: 3 on Linux, 16 on macOS.
        var clock = OperatingSystem.IsMacOS() ? 16 : 3;
        return clock_gettime(clock, out var time) == 0
            ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno " + Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// The least CPU one call of each action took over <paramref name="rounds"/> interleaved rounds (after one warm-up
    /// call each): the minimum is the call's own cost, free of the collections, JIT tiering and cache misses an
    /// unlucky round picks up, and interleaving exposes every action to the same conditions.
    /// </summary>
    public static long[] LeastPerCall(int rounds, params Action[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var least = new long[actions.Length];
        Array.Fill(least, long.MaxValue);
        foreach (var action in actions)
        {
            action();
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                var before = Now();
                actions[i]();
                least[i] = Math.Min(least[i], Now() - before);
            }
        }

        return least;
    }

    /// <summary>"12.3x" style, for assertion messages.</summary>
    public static string Ratio(IReadOnlyList<long> costs, int of, int to) => ((double)costs[of] / Math.Max(1, costs[to])).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "x";

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [DllImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool QueryThreadCycleTime(IntPtr thread, out ulong cycles);

    [DllImport("kernel32")]
    private static extern IntPtr GetCurrentThread();
}
