using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

public sealed class ContractLiteralAnalyzerTests
{
    [Fact]
    public async Task Literals_outside_the_contract_bounds_are_reported_at_the_value()
    {
        const string source = """
            using System;
            using Alexandria.Contracts;

            public static class Uses
            {
                public static ContextRequestPacket Request(Guid id) => new ContextRequestPacket
                {
                    PacketId = id,
                    CreatedAt = DateTimeOffset.UnixEpoch,
                    TtlHours = 0,
                    RequesterRole = AgentRole.Planner,
                    Topic = "",
                    Query = "what changed?",
                };

                public static ContextRequestPacket Fine(ContextRequestPacket p) => p with { TtlHours = 72, Topic = "drift" };

                public static EvidenceSpan Span() => new EvidenceSpan { Start = -1, End = 3 };
            }
            """;

        var diagnostics = await AnalyzeAsync(source);

        Assert.True(diagnostics.Count == 3, string.Join("\n", diagnostics));
        AssertAt(diagnostics[0], "ALX1005", DiagnosticSeverity.Warning, PositionOf(source, "0,"), 1);
        Assert.Equal("TtlHours = 0 violates the contract: minimum is 1 (property 'ttl_hours'), so the generated validator will reject it", diagnostics[0].GetMessage());
        AssertAt(diagnostics[1], "ALX1005", DiagnosticSeverity.Warning, PositionOf(source, "\"\","), 2);
        Assert.Contains("minLength is 1 (property 'topic')", diagnostics[1].GetMessage());
        AssertAt(diagnostics[2], "ALX1005", DiagnosticSeverity.Warning, PositionOf(source, "-1"), 2);
        Assert.Contains("Start = -1 violates the contract: minimum is 0", diagnostics[2].GetMessage());
    }
}
