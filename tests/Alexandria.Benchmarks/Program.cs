using BenchmarkDotNet.Running;

namespace Alexandria.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // `ratios` and `loop` are the stopwatch harness and the profiling loop (RatioHarness); anything else is BenchmarkDotNet.
        switch (args.Length > 0 ? args[0] : "")
        {
            case "ratios":
                RatioHarness.Run(args[1..]);
                break;
            case "loop":
                RatioHarness.Loop(args[1..]);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                break;
        }
    }
}
