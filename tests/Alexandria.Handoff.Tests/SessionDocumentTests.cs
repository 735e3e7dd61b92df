using System;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Sessions;

namespace Alexandria.Handoff.Tests;

/// <summary>The session handoff document: read into typed form and rendered back, on the seed file itself.</summary>
public sealed class SessionDocumentTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "session_handoff_seed.md"));

    [Fact]
    public void The_seed_reads_into_typed_sections()
    {
        var document = SessionParser.Parse(Seed, "seed.md");

        Assert.Equal("Codex Handoff", document.Title);
        Assert.Equal(new SessionField("identity_id", "ALEX-SPEC"), document.Identity[1]);
        Assert.Equal("[\"principal-architect\", \"contract-first-editor\", \"doc-only\"]", document.Identity[2].Value);
        Assert.Equal(14, document.RehydrationSources.Count);
        Assert.Equal("AGENT.MD", document.RehydrationSources[0]);
        Assert.Equal(15, document.Decisions.Count);
        Assert.Equal(4, document.OpenQuestions.Count);
        Assert.Single(document.NextActions);
        Assert.Equal(["AGENT.MD", "ALEX_SESSION.json", "tools/alex_handoff.py"], document.FilesTouched);
        Assert.StartsWith("Builder/runtime boundary enforced", document.Notes, StringComparison.Ordinal);
        Assert.Equal(["generated_at_utc", "generator"], document.Metadata.Select(m => m.Key));
    }

    [Fact]
    public void The_seed_round_trips_byte_for_byte()
    {
        Assert.Equal(Seed, SessionRenderer.Render(SessionParser.Parse(Seed, "seed.md")));
    }

    [Fact]
    public void A_missing_section_is_refused_by_name()
    {
        var broken = Seed.Replace("## Open Questions\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<HandoffException>(() => SessionParser.Parse(broken, "seed.md"));

        Assert.Contains("Open Questions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_field_is_refused_with_its_line()
    {
        var broken = Seed.Replace("- `identity_id`: `ALEX-SPEC`", "- identity_id = ALEX-SPEC", StringComparison.Ordinal);

        var error = Assert.Throws<HandoffException>(() => SessionParser.Parse(broken, "seed.md"));

        Assert.StartsWith("seed.md(5):", error.Message, StringComparison.Ordinal);
    }
}
