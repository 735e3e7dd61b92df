using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Benchmarks;

/// <summary>
/// Validator-to-reader ratios that hold on a loaded machine: each sample is one pass over a document set, the methods
/// are interleaved in one process, and each method's minimum over many samples is kept (load only ever adds time).
/// <c>dotnet run -c Release --project tests/Alexandria.Benchmarks -- ratios [samples] [--by-template]</c>;
/// <c>-- loop events seconds</c> runs IsValid over the events for a profiler.
/// </summary>
public static class RatioHarness
{
    private delegate bool Check(byte[] document);

    public static void Run(string[] args)
    {
        var samples = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 300;
        var sets = new List<(string Name, byte[][] Documents, Check IsValid, Check Validate)>
        {
            ("events-1000", Documents.Events(1000), b => RunEventValidator.IsValid(b), b => RunEventValidator.Validate(b).IsValid),
            ("snapshot-4KB", [Documents.Snapshot(4 * 1024)], b => CompactionSnapshotValidator.IsValid(b), b => CompactionSnapshotValidator.Validate(b).IsValid),
            ("snapshot-64KB", [Documents.Snapshot(64 * 1024)], b => CompactionSnapshotValidator.IsValid(b), b => CompactionSnapshotValidator.Validate(b).IsValid),
        };
        if (args.Contains("--by-template"))
        {
            // The 10 example events, each repeated 100 times: which kinds cost what.
            var events = sets[0].Documents;
            for (var t = 0; t < 10; t++)
            {
                var group = events.Where((_, i) => i % 10 == t).ToArray();
                sets.Add(("event " + Kind(group[0]), group, sets[0].IsValid, sets[0].Validate));
            }
        }

        Console.WriteLine($"load average {LoadAverage()}; minimum of {samples} interleaved one-pass samples per method");
        Console.WriteLine($"{"document",-34} {"reader",10} {"IsValid",10} {"ratio",7} {"Validate",10} {"ratio",7} {"V/IsValid",9} {"alloc B",8}");
        foreach (var (name, documents, isValid, validate) in sets)
        {
            // Warm up until every method has been through tiered compilation (≈ 1.5 s of calls), then sample.
            var warm = Stopwatch.StartNew();
            for (var i = 0; warm.Elapsed.TotalSeconds < 1.5; i++)
            {
                Time(documents, i % 3, isValid, validate);
            }

            var best = new[] { double.MaxValue, double.MaxValue, double.MaxValue };
            for (var i = 0; i < samples; i++)
            {
                // Rotate the order so no method always runs right after another.
                for (var k = 0; k < 3; k++)
                {
                    var method = (i + k) % 3;
                    var elapsed = Time(documents, method, isValid, validate);
                    best[method] = Math.Min(best[method], elapsed);
                }
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            Time(documents, 1, isValid, validate);
            Time(documents, 2, isValid, validate);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"{name,-34} {Us(best[0]),10} {Us(best[1]),10} {best[1] / best[0],6:F2}x {Us(best[2]),10} {best[2] / best[0],6:F2}x {best[2] / best[1],8:F2}x {allocated,8}");
        }
    }

    /// <summary>IsValid over the 1,000 events for <paramref name="seconds"/>, for <c>perf record</c>.</summary>
    public static void Loop(string[] args)
    {
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 20;
        var documents = args.Length > 0 && args[0].StartsWith("snapshot", StringComparison.Ordinal)
            ? [Documents.Snapshot(args[0] == "snapshot-4KB" ? 4 * 1024 : 64 * 1024)]
            : Documents.Events(1000);
        Check check = documents.Length == 1 ? b => CompactionSnapshotValidator.IsValid(b) : b => RunEventValidator.IsValid(b);
        var clock = Stopwatch.StartNew();
        var passes = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var d in documents)
            {
                if (!check(d))
                {
                    throw new InvalidOperationException("invalid benchmark document");
                }
            }

            passes++;
        }

        Console.WriteLine($"{passes} passes");
    }

    private static double Time(byte[][] documents, int method, Check isValid, Check validate)
    {
        var start = Stopwatch.GetTimestamp();
        var ok = true;
        switch (method)
        {
            case 0:
                foreach (var d in documents)
                {
                    var reader = new Utf8JsonReader(d);
                    while (reader.Read())
                    {
                    }
                }

                break;
            case 1:
                foreach (var d in documents)
                {
                    ok &= isValid(d);
                }

                break;
            default:
                foreach (var d in documents)
                {
                    ok &= validate(d);
                }

                break;
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000;
        return ok ? elapsed : throw new InvalidOperationException("invalid benchmark document");
    }

    private static string Kind(byte[] document) => JsonDocument.Parse(document).RootElement.GetProperty("kind").GetString() + (document.Length > 700 ? " (long)" : "");

    private static string Us(double microseconds) => microseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " us";

    private static string LoadAverage() => System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
