using BenchmarkDotNet.Running;

namespace Alexandria.Agents.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/Alexandria.Agents.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
