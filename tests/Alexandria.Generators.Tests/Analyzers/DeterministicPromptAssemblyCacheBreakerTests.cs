using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

/// <summary>
/// ALX1003 against the cache breakers issue 14 names: a clock or GUID interpolated into a system prompt, a
/// Dictionary/HashSet enumerated into prompt text, and parallel results appended in completion order — while
/// <c>Task.WhenAll</c>, whose results come in argument order, stays quiet.
/// </summary>
public sealed class DeterministicPromptAssemblyCacheBreakerTests
{
    private const string Consumer = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Alexandria;

        public static class SystemPrompt
        {
            [DeterministicPromptAssembly]
            public static string Header(string objective)
                => $"You are the planner. Today is {DateTime.Now:yyyy-MM-dd}. Run {Guid.NewGuid()}.\n{objective}";

            [DeterministicPromptAssembly]
            public static string Tools(HashSet<string> tags, Dictionary<string, string> tools)
            {
                var text = new StringBuilder();
                text.AppendJoin("\n", tools.Values);
                foreach (var tag in tags)
                {
                    text.Append(tag);
                }

                return text.ToString();
            }

            [DeterministicPromptAssembly]
            public static async Task<string> Observations(Task<string>[] calls, IEnumerable<string> items)
            {
                var text = new StringBuilder();
                text.AppendJoin("\n", await Task.WhenAll(calls));
                var first = await Task.WhenAny(calls);
                await foreach (var done in Task.WhenEach(calls))
                {
                    text.Append(done.Result);
                }

                _ = calls[0].ContinueWith(t => text.Append(t.Result));
                var queue = new ConcurrentQueue<string>();
                Parallel.ForEach(items, item => queue.Enqueue(item));
                text.AppendJoin("\n", queue);
                var bag = new ConcurrentBag<string>(items);
                return text + string.Join(",", bag) + first.Result;
            }

            [DeterministicPromptAssembly]
            public static async Task<string> InArgumentOrder(Task<string>[] calls, Dictionary<string, string> tools)
                => string.Join("\n", await Task.WhenAll(calls)) + string.Join("\n", tools.Keys.Order(StringComparer.Ordinal));
        }
        """;

    [Fact]
    public async Task Each_cache_breaker_is_reported_where_it_happens_and_WhenAll_is_not()
    {
        var diagnostics = await AnalyzeAsync(Consumer);

        var expected = new (string Marker, int Length, string Message)[]
        {
            ("DateTime.Now", 12, "DateTime.Now reads the clock"),
            ("Guid.NewGuid()", 14, "Guid.NewGuid creates a random GUID"),
            ("tools.Values", 12, "StringBuilder.AppendJoin enumerates a ValueCollection in hash order"),
            ("tags)", 4, "foreach enumerates a HashSet in hash order"),
            ("Task.WhenAny(calls)", 19, "Task.WhenAny depends on completion order"),
            ("Task.WhenEach(calls)", 20, "Task.WhenEach yields tasks in completion order"),
            ("calls[0].ContinueWith(t => text.Append(t.Result))", 49, "Task.ContinueWith runs when the task completes"),
            ("Parallel.ForEach(items, item => queue.Enqueue(item))", 52, "Parallel.ForEach runs its body concurrently"),
            ("queue);", 5, "StringBuilder.AppendJoin enumerates a ConcurrentQueue in the order producers added to it"),
            ("bag)", 3, "String.Join enumerates a ConcurrentBag in hash order"),
        };
        Assert.All(diagnostics, d => Assert.Equal(("ALX1003", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            expected.Select(e => (PositionOf(Consumer, e.Marker), e.Length)).OrderBy(e => e.Item1).ToList(),
            diagnostics.Select(d => ((d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character), d.Location.SourceSpan.Length)).OrderBy(e => e.Item1).ToList());
        foreach (var (marker, _, message) in expected)
        {
            var at = PositionOf(Consumer, marker);
            var diagnostic = diagnostics.Single(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character) == at);
            Assert.StartsWith(message, diagnostic.GetMessage(), System.StringComparison.Ordinal);
        }

        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'InArgumentOrder'", System.StringComparison.Ordinal));
    }
}
