using System.Linq;
using System.Threading.Tasks;
using Alexandria.CodeFixes;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

public sealed class UnknownContractNameAnalyzerTests
{
    private const string Consumer = """
        using Alexandria.Contracts;
        using Alexandria.Contracts.Prompts;

        public sealed class Route
        {
            public string OperationId { get; set; } = "";
        }

        public static class Uses
        {
            public static bool IsPlan(RunEvent e) => e.Kind == "plna";

            public static int Weight(RunEvent e)
            {
                switch (e.Kind)
                {
                    case "acts": return 1;
                    case "observe": return 2;
                    default: return 0;
                }
            }

            public static bool IsHandoff(Packet p) => p.PacketType.Equals("HANDOF_PACKET");

            public static object? Planner() => PromptCatalog.Find("planer");

            public static Route Route() => new Route { OperationId = "getRuns" };

            public static bool IsCounted(string kind) => RunEvent.IsCountedKind("xyzzy_unrelated_value");
        }
        """;

    [Fact]
    public async Task Undefined_names_are_errors_at_the_literal_with_the_nearest_name()
    {
        var diagnostics = await AnalyzeAsync(Consumer);

        Assert.Equal(6, diagnostics.Count);
        AssertAt(diagnostics[0], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"plna\""), 6);
        Assert.Equal("'plna' is not a kind of RunEvent defined by the contracts; did you mean 'plan'?", diagnostics[0].GetMessage());
        AssertAt(diagnostics[1], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"acts\""), 6);
        Assert.Contains("did you mean 'act'?", diagnostics[1].GetMessage());
        AssertAt(diagnostics[2], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"HANDOF_PACKET\""), 15);
        Assert.Contains("packet_type of Packet", diagnostics[2].GetMessage());
        AssertAt(diagnostics[3], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"planer\""), 8);
        Assert.Equal("'planer' is not a prompt id defined by the contracts; did you mean 'planner'?", diagnostics[3].GetMessage());
        AssertAt(diagnostics[4], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"getRuns\""), 9);
        Assert.Contains("operation id", diagnostics[4].GetMessage());
        AssertAt(diagnostics[5], "ALX1001", DiagnosticSeverity.Error, PositionOf(Consumer, "\"xyzzy_unrelated_value\""), 23);
        Assert.StartsWith("'xyzzy_unrelated_value' is not a kind of RunEvent defined by the contracts; the contracts define 'plan', 'act',", diagnostics[5].GetMessage());
        Assert.False(diagnostics[5].Properties.ContainsKey("Suggestion"));
    }

    [Fact]
    public async Task Defined_names_and_unrelated_members_named_kind_are_not_reported()
    {
        const string source = """
            using Alexandria.Contracts;
            using Alexandria.Contracts.Prompts;

            public sealed class Node
            {
                public string Kind { get; set; } = "";
            }

            public static class Uses
            {
                public static bool A(RunEvent e) => e.Kind == "plan" || e is { Kind: "observe" };
                public static bool B(Node n) => n.Kind == "plna";
                public static bool C() => PlannerPrompt.Kind == "model_prompt";
                public static bool D(Packet p) => p.PacketType == "HANDOFF_PACKET";
                public static object? E() => PromptCatalog.Find("snapshot_narrative");
            }
            """;

        Assert.Empty(await AnalyzeAsync(source));
    }

    [Fact]
    public async Task Property_pattern_with_an_undefined_kind_is_reported()
    {
        const string source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static bool A(RunEvent e) => e is { Kind: "obsrve" };
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        AssertAt(diagnostic, "ALX1001", DiagnosticSeverity.Error, PositionOf(source, "\"obsrve\""), 8);
    }

    [Fact]
    public async Task Code_fix_replaces_the_literal_with_the_nearest_defined_name()
    {
        var fixedSource = await ApplyFixAsync(Consumer, "ALX1001", new UnknownContractNameCodeFixProvider());

        Assert.Equal(Consumer.Replace("e.Kind == \"plna\"", "e.Kind == \"plan\""), fixedSource);
    }
}
