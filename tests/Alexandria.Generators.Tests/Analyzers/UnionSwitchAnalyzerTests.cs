using System.Linq;
using System.Threading.Tasks;
using Alexandria.CodeFixes;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

public sealed class UnionSwitchAnalyzerTests
{
    private const string AllPacketArms = """
                ContextRequestPacket r => r.Topic,
                ContextResponsePacket r => r.RequestPacketId.ToString(),
                HandoffPacket h => h.Objective,
        """;

    [Fact]
    public async Task Switch_expression_whose_discard_only_throws_is_checked_and_reported_at_the_switch_keyword()
    {
        const string source = """
            using System;
            using Alexandria.Contracts;

            public static class Uses
            {
                public static string Describe(Packet p) => p switch
                {
                    ContextRequestPacket r => r.Topic,
                    _ => throw new InvalidOperationException(),
                };
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        AssertAt(diagnostic, "ALX1002", DiagnosticSeverity.Error, PositionOf(source, "switch"), 6);
        Assert.Equal(
            "This switch over 'Packet' does not handle ContextResponsePacket, HandoffPacket; add a case for each, so a case added to the contract's oneOf fails the build here instead of falling through",
            diagnostic.GetMessage());
    }

    [Fact]
    public async Task Switch_statement_without_default_is_reported_and_guarded_cases_do_not_count()
    {
        const string source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static int Count(Packet p)
                {
                    switch (p)
                    {
                        case ContextRequestPacket:
                            return 1;
                        case ContextResponsePacket r when r.RepoRefs.Count > 0:
                            return 2;
                        case HandoffPacket:
                            return 3;
                    }

                    return 0;
                }
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(source));
        AssertAt(diagnostic, "ALX1002", DiagnosticSeverity.Error, PositionOf(source, "switch"), 6);
        Assert.Contains("does not handle ContextResponsePacket;", diagnostic.GetMessage());
    }

    [Fact]
    public async Task Exhaustive_switch_expression_needs_no_discard_and_its_CS8509_is_suppressed()
    {
        var source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static string Describe(Packet p) => p switch
                {
            """ + "\n" + AllPacketArms + """

                };
            }
            """;

        Assert.Empty(await AnalyzeAsync(source));
        var all = await AllDiagnosticsAsync(source);
        var cs8509 = Assert.Single(all, d => d.Id == "CS8509");
        Assert.True(cs8509.IsSuppressed);
        Assert.DoesNotContain(all, d => !d.IsSuppressed && d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task Switch_with_a_real_default_or_over_another_type_is_not_reported()
    {
        const string source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static int A(Packet p) => p switch { HandoffPacket => 1, _ => 0 };
                public static int B(object o) => o switch { HandoffPacket => 1, _ => throw new System.Exception() };
                public static int C(RunEvent e) { switch (e) { case PlanEvent: return 1; default: return 0; } }
            }
            """;

        Assert.Empty(await AnalyzeAsync(source));
    }

    [Fact]
    public async Task Code_fix_adds_the_missing_arms_before_the_discard()
    {
        const string source = """
            using System;
            using Alexandria.Contracts;

            public static class Uses
            {
                public static string Describe(Packet p) => p switch
                {
                    ContextRequestPacket r => r.Topic,
                    _ => throw new InvalidOperationException(),
                };
            }
            """;

        var fixedSource = await ApplyFixAsync(source, "ALX1002", new UnionSwitchCodeFixProvider());

        const string expected = """
            using System;
            using Alexandria.Contracts;

            public static class Uses
            {
                public static string Describe(Packet p) => p switch
                {
                    ContextRequestPacket r => r.Topic,
                    ContextResponsePacket contextResponsePacket => throw new NotImplementedException(),
                    HandoffPacket handoffPacket => throw new NotImplementedException(),
                    _ => throw new InvalidOperationException(),
                };
            }
            """;
        Assert.Equal(expected, fixedSource);
        Assert.Empty(await AnalyzeAsync(fixedSource));
    }

    [Fact]
    public async Task Code_fix_adds_missing_sections_to_a_switch_statement()
    {
        const string source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static int Count(Packet p)
                {
                    switch (p)
                    {
                        case HandoffPacket:
                            return 3;
                    }

                    return 0;
                }
            }
            """;

        var fixedSource = await ApplyFixAsync(source, "ALX1002", new UnionSwitchCodeFixProvider());

        const string expected = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static int Count(Packet p)
                {
                    switch (p)
                    {
                        case HandoffPacket:
                            return 3;
                        case ContextRequestPacket contextRequestPacket:
                            throw new System.NotImplementedException();
                        case ContextResponsePacket contextResponsePacket:
                            throw new System.NotImplementedException();
                    }

                    return 0;
                }
            }
            """;
        Assert.Equal(expected, fixedSource);
    }
}
