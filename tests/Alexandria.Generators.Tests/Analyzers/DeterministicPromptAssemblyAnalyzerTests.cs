using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

public sealed class DeterministicPromptAssemblyAnalyzerTests
{
    private const string Consumer = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Alexandria;

        public static class Assembly
        {
            [DeterministicPromptAssembly]
            public static string Build(Dictionary<string, string> tools, HashSet<string> tags, List<string> ordered)
            {
                var stamp = DateTime.UtcNow.ToString("O");
                var id = Guid.NewGuid();
                var roll = new Random(7).Next();
                var home = Environment.GetEnvironmentVariable("HOME");
                foreach (var tool in tools) { }
                var names = tools.Keys.ToList();
                var joined = string.Join(",", tags);
                var hash = "x".GetHashCode();
                return stamp + id + roll + home + names.Count + joined + hash;
            }

            [DeterministicPromptAssembly]
            public static string Fine(Dictionary<string, string> tools, SortedDictionary<string, string> sorted, List<string> ordered)
            {
                var keys = tools.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                var filtered = tools.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key);
                foreach (var pair in sorted) { }
                foreach (var item in ordered) { }
                return string.Join(",", keys) + tools.Count + tools.ContainsKey("a") + string.Join(",", filtered);
            }

            public static string Unmarked(Dictionary<string, string> tools) => DateTime.Now + string.Join(",", tools.Keys);
        }

        [DeterministicPromptAssembly]
        public sealed class Marked
        {
            public string Stamp => DateTimeOffset.Now.ToString();

            public Func<int> Later() => () => Environment.TickCount;
        }
        """;

    [Fact]
    public async Task Every_volatile_read_in_marked_code_is_reported_where_it_happens()
    {
        var diagnostics = await AnalyzeAsync(Consumer);

        var expected = new (string Marker, int Length)[]
        {
            ("DateTime.UtcNow", 15), ("Guid.NewGuid()", 14), ("new Random(7)", 13), ("new Random(7).Next()", 20),
            ("Environment.GetEnvironmentVariable(\"HOME\")", 42), ("tools) { }", 5), ("tools.Keys", 10), ("tags);", 4),
            ("\"x\".GetHashCode()", 17), ("DateTimeOffset.Now", 18), ("Environment.TickCount", 21),
        };
        Assert.All(diagnostics, d => Assert.Equal(("ALX1003", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            expected.Select(e => (PositionOf(Consumer, e.Marker), e.Length)).OrderBy(e => e.Item1).ThenBy(e => e.Length).ToList(),
            diagnostics.Select(d => ((d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character), d.Location.SourceSpan.Length)).OrderBy(e => e.Item1).ThenBy(e => e.Length).ToList());

        Assert.Equal(
            "DateTime.UtcNow reads the clock, so 'Build' (marked [DeterministicPromptAssembly]) would not give byte-identical prompts for the same inputs and breaks prompt-cache stability; pass the value in, or sort before enumerating",
            diagnostics[0].GetMessage());
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("foreach enumerates a Dictionary in hash order", System.StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("Enumerable.ToList enumerates a KeyCollection in hash order", System.StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'Stamp' (marked [DeterministicPromptAssembly])", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_attribute_named_Deterministic_marks_code_too()
    {
        const string source = """
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class DeterministicAttribute : System.Attribute { }

            public static class Assembly
            {
                [Deterministic]
                public static string Build() => System.Guid.NewGuid().ToString();
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        AssertAt(diagnostic, "ALX1003", DiagnosticSeverity.Warning, PositionOf(source, "System.Guid.NewGuid()"), 21);
        Assert.Contains("(marked [Deterministic])", diagnostic.GetMessage());
    }
}
