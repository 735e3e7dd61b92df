using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Alexandria.Kiota.RoundTrip;

/// <summary>Runs named checks, prints each verdict and a closing "N passed, N failed" line CI can read.</summary>
internal sealed class Checks
{
    private readonly List<string> _failures = [];
    private int _passed;

    public bool AllPassed => _failures.Count == 0;

    public async Task RunAsync(string name, Func<Task> check)
    {
        try
        {
            await check();
            _passed++;
            Console.WriteLine("  ok    " + name);
        }
#pragma warning disable CA1031 // a failed check is reported and the run goes on to the next one
        catch (Exception failure)
#pragma warning restore CA1031
        {
            _failures.Add(name);
            Console.WriteLine("  FAIL  " + name + ": " + failure.GetType().Name + ": " + failure.Message);
        }
    }

    public void Run(string name, Action check) => RunAsync(name, () =>
    {
        check();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    public void Summarize() => Console.WriteLine($"kiota: {_passed} passed, {_failures.Count} failed");

    /// <summary>Throws with <paramref name="what"/> when <paramref name="condition"/> is false.</summary>
    public static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}
