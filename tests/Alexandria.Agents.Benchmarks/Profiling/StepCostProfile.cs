using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Runtime.Storage;

namespace Alexandria.Agents.Benchmarks.Profiling;

/// <summary>
/// Where a step's time and bytes go, by component (<c>dotnet run -c Release --project tests/Alexandria.Agents.Benchmarks --
/// profile [tmpfs|disk] [runs] [prefill]</c>): plays the benchmark's script <c>runs</c> times into one store (after
/// <c>prefill</c> untimed runs, to see whether the cost grows with the runs a store holds), with every store call and
/// the model call timed. What is not a store or model call is the runtime's own CPU work.
/// </summary>
internal static class StepCostProfile
{
    public static async Task RunAsync(string[] args)
    {
        var disk = args.Length > 0 && args[0] == "disk";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var prefill = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var root = Path.Combine(disk ? Path.GetTempPath() : "/dev/shm", "alexandria-agent-profile-" + Guid.NewGuid().ToString("N"));
        var ledger = new CostLedger();
        var store = new TimedStore(await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root }).ConfigureAwait(false), ledger);
        var script = StepScript.Build();
        var tools = AgentRunner.ResearchTools(StepScript.Documents());
        try
        {
            var run = 0;
            async Task PlayAsync()
            {
                var id = "profile-" + (++run).ToString(CultureInfo.InvariantCulture);
                var result = await new AgentRunner(store, new TimedChatClient(new ScriptedChatClient(script), ledger), tools).RunAsync(id, "Explain when compaction fires.").ConfigureAwait(false);
                if (result.Status != AgentRunStatus.Completed || result.Steps != StepScript.Steps)
                {
                    throw new InvalidOperationException($"The scripted run ended {result.Status} after {result.Steps} steps: {result.Message}");
                }
            }

            for (var i = 0; i < prefill + 5; i++)
            {
                await PlayAsync().ConfigureAwait(false);
            }

            GC.Collect();
            ledger.Clear();
            ledger.Enabled = true;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < runs; i++)
            {
                await PlayAsync().ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            var steps = runs * StepScript.Steps;
            Console.WriteLine($"{(disk ? "disk" : "tmpfs")}: {runs} runs ({steps} steps) after {prefill + 5} untimed runs in the same store");
            foreach (var line in ledger.Report(steps, elapsed, bytes))
            {
                Console.WriteLine(line);
            }

            // Wall time on a shared machine includes waiting for a core; the process's CPU time does not.
            Console.WriteLine($"process CPU time per step: {cpu.TotalMicroseconds / steps:0} µs (wall {elapsed.TotalMicroseconds / steps:0} µs)");
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(root, recursive: true);
        }
    }
}
