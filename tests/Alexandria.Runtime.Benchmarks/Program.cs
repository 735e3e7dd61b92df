using System.Linq;
using BenchmarkDotNet.Running;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/Alexandria.Runtime.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Contains("--round-trips"))
        {
            // Not a BenchmarkDotNet run: counts a single append's round trips and CPU (RoundTripProbe).
            RoundTripProbe.RunAsync(durable: args.Contains("--durable")).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
