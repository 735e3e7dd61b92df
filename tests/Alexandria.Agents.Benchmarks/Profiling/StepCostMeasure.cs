using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Threading.Tasks;

namespace Alexandria.Agents.Benchmarks.Profiling;

/// <summary>
/// The benchmark's cases measured by what a loaded machine does not distort (<c>dotnet run -c Release --project
/// tests/Alexandria.Agents.Benchmarks -- measure [runs] [tmpfs|disk]</c>): per step, the process's CPU time and the bytes allocated
/// (precise), beside the wall time, for each case on tmpfs and on disk (or only the root named). Same cases, same script as
/// <see cref="StepCostBenchmarks"/>; each is warmed up first.
/// </summary>
internal static class StepCostMeasure
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        Console.WriteLine($"{runs} runs of {StepScript.Steps} steps per case, after at least {Warmup(runs)} warm-up runs and until the JIT has compiled nothing for {JitQuietWindow.TotalSeconds:0} s; per step:");
        Console.WriteLine($"{"case",-52} {"root",-6} {"CPU µs",9} {"wall µs",9} {"alloc KB",9} {"CPU ×floor",10} {"alloc ×floor",12}");
        var roots = args.Length > 1 ? new[] { Enum.Parse<StoreRoot>(args[1], ignoreCase: true) } : new[] { StoreRoot.Tmpfs, StoreRoot.Disk };
        foreach (var root in roots)
        {
            var bench = new StepCostBenchmarks { Root = root };
            await bench.SetupAsync().ConfigureAwait(false);
            try
            {
                var floor = await MeasureAsync(runs, bench.BareChatLoopSameRequests).ConfigureAwait(false);
                var old = await MeasureAsync(runs, bench.BareChatLoop).ConfigureAwait(false);
                var runtime = await MeasureAsync(runs, bench.AgentRun).ConfigureAwait(false);
                Print("Bare IChatClient loop, same requests (floor)", root, floor, floor);
                Print("Bare IChatClient loop, one fixed line (old floor)", root, old, floor);
                Print("AgentRunner, embedded store", root, runtime, floor);
                if (root == StoreRoot.Tmpfs)
                {
                    Console.WriteLine($"  (requests: {bench.RequestCharsPerStep:0} characters per step, the same for the floor and the runtime)");
                }
            }
            finally
            {
                await bench.CleanupAsync().ConfigureAwait(false);
            }
        }
    }

    private static readonly TimeSpan JitQuietWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(60);

    private static int Warmup(int runs) => Math.Max(5, runs / 10);

    private static async Task<Cost> MeasureAsync<T>(int runs, Func<Task<T>> run)
    {
        // Warm up until the JIT is done: tiered compilation promotes hot methods in the background (tier 0, then
        // instrumented, then tier 1 with PGO), and the runtime's path has thousands of methods, so a fixed warm-up
        // left that background compilation inside the measured window (process CPU 1.15 ms a step after 200 runs,
        // 0.52 ms with tiering off). Steady state = no method compiled during the last half second of runs.
        var warming = Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < Warmup(runs) || warming.Elapsed - quietSince < JitQuietWindow; i++)
        {
            await run().ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince = warming.Elapsed;
            }

            if (warming.Elapsed > MaxWarmup)
            {
                break;
            }
        }

        await Task.Delay(500).ConfigureAwait(false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < runs; i++)
        {
            await run().ConfigureAwait(false);
        }

        var wall = Stopwatch.GetElapsedTime(started);
        bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        var steps = (double)runs * StepScript.Steps;
        return new Cost(cpu.TotalMicroseconds / steps, wall.TotalMicroseconds / steps, bytes / 1024.0 / steps);
    }

    private static void Print(string name, StoreRoot root, Cost cost, Cost floor) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-52} {root,-6} {cost.CpuMicroseconds,9:0.0} {cost.WallMicroseconds,9:0.0} {cost.AllocatedKb,9:0.0} {cost.CpuMicroseconds / floor.CpuMicroseconds,10:0.0} {cost.AllocatedKb / floor.AllocatedKb,12:0.00}"));

    private readonly record struct Cost(double CpuMicroseconds, double WallMicroseconds, double AllocatedKb);
}
