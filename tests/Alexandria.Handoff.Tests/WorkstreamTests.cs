using System;
using System.Linq;
using Alexandria.Handoff.Tests.Infrastructure;
using Alexandria.Handoff.Workstreams;

namespace Alexandria.Handoff.Tests;

/// <summary>Workstream resolution from loose intent: exact → alias → fuzzy → PROVISIONAL → BLOCK only when impossible.</summary>
public sealed class WorkstreamTests : IDisposable
{
    private const string Catalog = """
        workstreams:
          - id: auth-service
            human_name: Authentication service
            aliases: [auth, login]
          - id: authz-rules
            human_name: Authorization rules
            aliases: [permissions]
          - id: billing
            human_name: Billing export
            aliases: []
          - id: data-export-v1
            human_name: Data export v1
          - id: data-export-v2
            human_name: Data export v2
        """;

    private readonly TempGitRepo _repo = new();

    public WorkstreamTests() => _repo.Write("artifacts/workstreams.yaml", Catalog);

    public void Dispose() => _repo.Dispose();

    private Resolution Resolve(string phrase) => new WorkstreamResolver(_repo.Workspace().Layout).Resolve(phrase);

    [Theory]
    [InlineData("Authentication service")]
    [InlineData("  authentication SERVICE ")]
    [InlineData("the authentication service work")]
    public void An_exact_human_name_resolves(string phrase)
    {
        var resolution = Resolve(phrase);

        Assert.Equal(ResolutionKind.Exact, resolution.Kind);
        Assert.Equal("auth-service", resolution.Workstream!.Id);
    }

    [Fact]
    public void An_alias_resolves()
    {
        var resolution = Resolve("Login");

        Assert.Equal(ResolutionKind.Alias, resolution.Kind);
        Assert.Equal("auth-service", resolution.Workstream!.Id);
    }

    [Fact]
    public void A_typo_resolves_by_similarity_above_the_threshold()
    {
        var resolution = Resolve("Billing exprot");

        Assert.Equal(ResolutionKind.Fuzzy, resolution.Kind);
        Assert.Equal("billing", resolution.Workstream!.Id);
        Assert.InRange(resolution.Score, Similarity.Threshold, 0.99);
    }

    [Fact]
    public void A_tie_between_two_workstreams_is_ambiguous_and_becomes_a_provisional_entry()
    {
        // "data export v3" is 0.93 similar to both "Data export v1" and "Data export v2".
        var tie = Resolve("Data export v3");

        Assert.Equal(ResolutionKind.Provisional, tie.Kind);
        Assert.Equal(["Data export v1", "Data export v2"], tie.Candidates.Order(StringComparer.Ordinal));
        var entry = WorkstreamCatalog.Load(_repo.Workspace().Layout).Single(w => w.HumanName == "Data export v3");
        Assert.Equal("provisional", entry.Status);
        Assert.Matches("^lin-[0-9a-f]{16}$", entry.LineageId!);
        Assert.Equal(ResolutionKind.Exact, Resolve("Data export v3").Kind);
    }

    [Fact]
    public void Two_workstreams_sharing_an_alias_are_ambiguous()
    {
        _repo.Write("artifacts/workstreams.yaml", Catalog + "\n  - id: sso\n    human_name: Single sign-on\n    aliases: [login]\n");

        var resolution = Resolve("login");

        Assert.Equal(ResolutionKind.Provisional, resolution.Kind);
        Assert.Equal(2, resolution.Candidates.Count);
    }

    [Fact]
    public void A_phrase_like_nothing_known_starts_a_new_provisional_workstream_rather_than_blocking()
    {
        var resolution = Resolve("Mobile push notifications");

        Assert.Equal(ResolutionKind.Provisional, resolution.Kind);
        Assert.Empty(resolution.Candidates);
        Assert.Equal("mobile-push-notifications", resolution.Workstream!.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("the work")]
    public void Only_a_phrase_with_nothing_to_resolve_from_blocks(string phrase)
    {
        var resolution = Resolve(phrase);

        Assert.Equal(ResolutionKind.Blocked, resolution.Kind);
        Assert.Null(resolution.Workstream);
    }

    [Fact]
    public void Resolution_is_deterministic_for_the_same_phrase_and_file()
    {
        var file = _repo.Read("artifacts/workstreams.yaml");
        var first = Resolve("Data export v3");
        var afterFirst = _repo.Read("artifacts/workstreams.yaml");
        _repo.Write("artifacts/workstreams.yaml", file);
        var second = Resolve("Data export v3");

        Assert.Equal(afterFirst, _repo.Read("artifacts/workstreams.yaml"));
        Assert.Equal(first.Describe, second.Describe);
        Assert.Equal(first.Workstream!.LineageId, second.Workstream!.LineageId);
        Assert.Equal(ResolutionKind.Exact, Resolve("Data export v3").Kind);
    }

    [Fact]
    public void Without_a_workstreams_file_the_repository_is_scanned()
    {
        using var repo = new TempGitRepo();
        repo.Write("src/Payments.Api/Program.cs", "class P {}");
        repo.Write("reporting/README.md", "reports");
        repo.Commit("layout");

        var resolution = new WorkstreamResolver(repo.Workspace().Layout).Resolve("payments api");

        Assert.Equal(ResolutionKind.Exact, resolution.Kind);
        Assert.Equal("scanned", resolution.Workstream!.Status);
        Assert.Equal(ResolutionKind.Fuzzy, new WorkstreamResolver(repo.Workspace().Layout).Resolve("reportng").Kind);
    }

    [Theory]
    [InlineData("Authentication service")]
    [InlineData("Login")]
    [InlineData("Billing exprot")]
    [InlineData("Data export v3")]
    [InlineData("Mobile push notifications")]
    [InlineData("")]
    public void What_the_human_reads_never_asks_for_or_shows_a_slug_id_or_path(string phrase)
    {
        var text = Resolve(phrase).Describe;

        Assert.DoesNotMatch("(?i)slug|\\bid\\b|identifier|path|lin-|auth-service|mobile-push|workstreams\\.yaml|\\?", text);
    }
}
