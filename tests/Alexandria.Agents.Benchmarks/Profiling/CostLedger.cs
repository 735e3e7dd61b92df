using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Alexandria.Agents.Benchmarks.Profiling;

/// <summary>
/// Time and allocated bytes per component, accumulated by the timing decorators around the store and the model.
/// Allocations are <see cref="GC.GetTotalAllocatedBytes(bool)"/> deltas (precise), so a continuation that hops
/// threads is still counted; the profile runs one run at a time, so nothing else allocates meanwhile.
/// </summary>
internal sealed class CostLedger
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    public async Task<T> Measure<T>(string component, Func<Task<T>> call)
    {
        if (!Enabled)
        {
            return await call().ConfigureAwait(false);
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Add(component, Stopwatch.GetElapsedTime(started), GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }
    }

    public Task Measure(string component, Func<Task> call) => Measure(component, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    public void Clear() => _entries.Clear();

    /// <summary>One line per component: calls, time and bytes per step, and its share of <paramref name="totalTime"/>.</summary>
    public IEnumerable<string> Report(int steps, TimeSpan totalTime, long totalBytes)
    {
        yield return $"{"component",-34} {"calls/step",10} {"µs/step",10} {"share",7} {"KB/step",9} {"share",7}";
        foreach (var (name, entry) in _entries.OrderByDescending(e => e.Value.Time))
        {
            yield return Line(name, entry.Calls / (double)steps, entry.Time, entry.Bytes);
        }

        var measured = new Entry(0, TimeSpan.FromTicks(_entries.Values.Sum(e => e.Time.Ticks)), _entries.Values.Sum(e => e.Bytes));
        yield return Line("rest (runtime CPU: assembly, validation, serialization, loop)", double.NaN, totalTime - measured.Time, totalBytes - measured.Bytes);
        yield return Line("total", double.NaN, totalTime, totalBytes);

        string Line(string name, double calls, TimeSpan time, long bytes) => string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-34} {(double.IsNaN(calls) ? "" : calls.ToString("0.0", CultureInfo.InvariantCulture)),10} {time.TotalMicroseconds / steps,10:0.0} {time / totalTime,7:P0} {bytes / 1024.0 / steps,9:0.0} {bytes / (double)totalBytes,7:P0}");
    }

    private void Add(string component, TimeSpan time, long bytes)
    {
        _entries.TryGetValue(component, out var entry);
        _entries[component] = new Entry(entry.Calls + 1, entry.Time + time, entry.Bytes + bytes);
    }

    private readonly record struct Entry(int Calls, TimeSpan Time, long Bytes);
}
