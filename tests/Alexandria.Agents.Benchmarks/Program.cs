using System.Threading.Tasks;
using Alexandria.Agents.Benchmarks.Profiling;
using BenchmarkDotNet.Running;

namespace Alexandria.Agents.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Alexandria.Agents.Benchmarks -- --filter '*'</c>; with
/// <c>profile</c> as the first argument, the per-component breakdown of <see cref="StepCostProfile"/> instead; with
/// <c>measure</c>, process CPU time and allocations per step of every case (<see cref="StepCostMeasure"/>).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "profile")
        {
            await StepCostProfile.RunAsync(args[1..]).ConfigureAwait(false);
            return;
        }

        if (args.Length > 0 && args[0] == "measure")
        {
            await StepCostMeasure.RunAsync(args[1..]).ConfigureAwait(false);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
