using System;
using System.Linq;
using Alexandria.Generators.Drift;
using Alexandria.Handoff.Council;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>Council triggers computed from real git diffs: each fires on a real change and stays silent on a harmless one.</summary>
public sealed class CouncilTests : IDisposable
{
    private const string Contract = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "user": {
              "type": "object",
              "description": "A user.",
              "properties": {
                "name": { "type": "string" },
                "email": { "type": "string" }
              },
              "required": ["name"],
              "additionalProperties": false
            }
          }
        }
        """;

    private const string Library = """
        namespace Lib;

        public sealed class Users
        {
            public string Greet(string name) => "Hello " + name;

            private int Count() => 1;
        }
        """;

    private readonly TempGitRepo _repo = new();
    private readonly string _base;

    public CouncilTests()
    {
        _repo.Write("contracts/users.json", Contract);
        _repo.Write("src/Lib/Users.cs", Library);
        _repo.Write("docs/users.md", "# Users\n");
        _repo.Write("README.md", "# Demo\n");
        _repo.Write("LICENSE", "MIT\n");
        _repo.Write("src/Lib/Lib.csproj", "<Project><PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup></Project>\n");
        _repo.Write("handoff.yaml", """
            protected_paths: [LICENSE, "src/Lib/Secrets/**"]
            spec_pairs:
              - implementation: "contracts/*.json"
                spec: "docs/users.md"
            """);
        _base = _repo.Commit("base");
    }

    public void Dispose() => _repo.Dispose();

    private CouncilResult Check(Recommendation? recommendation = null)
    {
        var head = _repo.Commit("change");
        var workspace = _repo.Workspace();
        return CouncilCheck.Run(workspace.Layout, workspace.Config, _base, head, recommendation);
    }

    private static CouncilTrigger? Fired(CouncilResult result, CouncilTriggerId id) => result.Triggers.FirstOrDefault(t => t.Id == id);

    [Fact]
    public void A_harmless_change_fires_nothing()
    {
        _repo.Write("README.md", "# Demo\n\nMore words.\n");
        _repo.Write("src/Lib/Users.cs", Library.Replace("\"Hello \"", "\"Hi \"", StringComparison.Ordinal).Replace("=> 1", "=> 2", StringComparison.Ordinal));

        var result = Check();

        Assert.False(result.Required);
        Assert.Empty(result.Triggers);
    }

    [Fact]
    public void CT1_fires_on_a_breaking_contract_change_with_the_drift_rule_id()
    {
        _repo.Write("contracts/users.json", Contract.Replace(",\n        \"email\": { \"type\": \"string\" }", "", StringComparison.Ordinal));
        _repo.Write("docs/users.md", "# Users\n\nNo email.\n");

        var ct1 = Fired(Check(), CouncilTriggerId.Ct1);

        Assert.NotNull(ct1);
        Assert.Contains(DriftRules.PropertyRemoved, ct1.RuleIds);
        Assert.Contains("contracts/users.json", ct1.Paths);
        Assert.Contains(ct1.Reasons, r => r.StartsWith("contracts/users.json: error ALX0402", StringComparison.Ordinal));
    }

    [Fact]
    public void CT1_fires_on_an_additive_contract_change_too()
    {
        _repo.Write("contracts/users.json", Contract.Replace("\"email\": { \"type\": \"string\" }", "\"email\": { \"type\": \"string\" },\n        \"phone\": { \"type\": \"string\" }", StringComparison.Ordinal));
        _repo.Write("docs/users.md", "# Users\n\nPhone added.\n");

        var ct1 = Fired(Check(), CouncilTriggerId.Ct1);

        Assert.NotNull(ct1);
        Assert.Equal([DriftRules.CompatibleChange], ct1.RuleIds);
    }

    [Fact]
    public void CT1_stays_silent_when_only_a_contract_description_changes()
    {
        _repo.Write("contracts/users.json", Contract.Replace("A user.", "A person using the system.", StringComparison.Ordinal));
        _repo.Write("docs/users.md", "# Users\n\nReworded.\n");

        Assert.Null(Fired(Check(), CouncilTriggerId.Ct1));
    }

    [Fact]
    public void CT1_fires_on_a_public_api_change_of_a_library()
    {
        _repo.Write("src/Lib/Users.cs", Library.Replace("private int Count", "public int Count", StringComparison.Ordinal));

        var ct1 = Fired(Check(), CouncilTriggerId.Ct1);

        Assert.NotNull(ct1);
        Assert.Contains("src/Lib/Users.cs: public API added or changed: public int Count()", ct1.Reasons);
        Assert.Empty(ct1.RuleIds);
    }

    [Fact]
    public void CT2_fires_on_a_protected_path_only()
    {
        _repo.Write("LICENSE", "Apache-2.0\n");
        _repo.Write("src/Lib/Secrets/key.txt", "k");
        _repo.Write("src/Lib/Other.txt", "not protected");

        var ct2 = Fired(Check(), CouncilTriggerId.Ct2);

        Assert.NotNull(ct2);
        Assert.Equal(["LICENSE", "src/Lib/Secrets/key.txt"], ct2.Paths);
    }

    [Fact]
    public void CT3_fires_on_a_new_ci_script()
    {
        _repo.Write(".ci/run", "#!/bin/sh\ndotnet test\n");

        var ct3 = Fired(Check(), CouncilTriggerId.Ct3);

        Assert.NotNull(ct3);
        Assert.Contains(ct3.Reasons, r => r.StartsWith("new CI/gating file .ci/run", StringComparison.Ordinal));
    }

    [Fact]
    public void CT3_fires_on_a_warning_level_change_in_a_project_file()
    {
        _repo.Write("src/Lib/Lib.csproj", "<Project><PropertyGroup><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup></Project>\n");

        var ct3 = Fired(Check(), CouncilTriggerId.Ct3);

        Assert.NotNull(ct3);
        Assert.Equal(["src/Lib/Lib.csproj"], ct3.Paths);
        Assert.Contains(ct3.Reasons, r => r.Contains("'TreatWarningsAsErrors'", StringComparison.Ordinal));
    }

    [Fact]
    public void CT3_fires_on_a_test_filter_added_to_any_script()
    {
        _repo.Write("scripts/check.sh", "dotnet test --filter Category!=Slow\n");

        Assert.NotNull(Fired(Check(), CouncilTriggerId.Ct3));
    }

    [Fact]
    public void CT4_fires_when_a_contract_changes_without_its_spec_and_not_when_the_spec_changes_with_it()
    {
        _repo.Write("contracts/users.json", Contract.Replace("A user.", "A user of the system.", StringComparison.Ordinal));
        var without = Fired(Check(), CouncilTriggerId.Ct4);
        Assert.NotNull(without);
        Assert.Contains("contracts/users.json changed without its spec ('docs/users.md')", without.Reasons);

        _repo.Write("contracts/users.json", Contract.Replace("A user.", "A user of this system.", StringComparison.Ordinal));
        _repo.Write("docs/users.md", "# Users\n\nUpdated.\n");
        var head = _repo.Commit("with spec");
        var workspace = _repo.Workspace();
        var with = CouncilCheck.Run(workspace.Layout, workspace.Config, _repo.Git("rev-parse", "HEAD~1").Trim(), head, null);
        Assert.Null(Fired(with, CouncilTriggerId.Ct4));
    }

    [Fact]
    public void CT4_fires_on_a_lock_file_left_out_of_date()
    {
        _repo.Write("contracts/contracts.lock.json", LockFile.Write([ContractNormalizer.Normalize("users.json", "contracts/users.json", Contract)!]));
        var locked = _repo.Commit("lock");
        _repo.Write("contracts/users.json", Contract.Replace("\"email\": { \"type\": \"string\" }", "\"email\": { \"type\": \"string\" },\n        \"phone\": { \"type\": \"string\" }", StringComparison.Ordinal));
        _repo.Write("docs/users.md", "# Users\n\nPhone.\n");
        var stale = _repo.Commit("stale lock");
        var workspace = _repo.Workspace();

        var result = CouncilCheck.Run(workspace.Layout, workspace.Config, locked, stale, null);

        var ct4 = Fired(result, CouncilTriggerId.Ct4);
        Assert.NotNull(ct4);
        Assert.Equal(["contracts/contracts.lock.json"], ct4.Paths);

        var text = _repo.Read("contracts/users.json");
        _repo.Write("contracts/contracts.lock.json", LockFile.Write([ContractNormalizer.Normalize("users.json", "contracts/users.json", text)!]));
        var relocked = _repo.Commit("relock");
        Assert.Null(Fired(CouncilCheck.Run(workspace.Layout, workspace.Config, locked, relocked, null), CouncilTriggerId.Ct4));
    }

    [Fact]
    public void CT5_is_accepted_only_linked_to_a_trigger_that_fired()
    {
        _repo.Write("LICENSE", "Apache-2.0\n");
        var head = _repo.Commit("license");
        var workspace = _repo.Workspace();

        var linked = CouncilCheck.Run(workspace.Layout, workspace.Config, _base, head, new Recommendation("Licence changes need the council", CouncilTriggerId.Ct2));
        var refused = Assert.Throws<HandoffException>(() =>
            CouncilCheck.Run(workspace.Layout, workspace.Config, _base, head, new Recommendation("Looks risky", CouncilTriggerId.Ct1)));

        var ct5 = Fired(linked, CouncilTriggerId.Ct5);
        Assert.NotNull(ct5);
        Assert.Equal(CouncilTriggerId.Ct2, ct5.LinkedTo);
        Assert.Contains("CT-1, which did not fire", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_council_packet_records_the_triggers_and_validates()
    {
        _repo.Write(".github/workflows/ci.yml", "on: push\n");
        var result = Check();
        var workspace = _repo.Workspace();

        var packet = new PacketFactory(workspace).Council(new PacketOrigin(HandoffMode.Mode0), result);

        var stored = Assert.IsType<CouncilPacket>(workspace.Store.Load(packet.PacketId));
        Assert.Equal(_base, stored.Base);
        Assert.Equal([CouncilTriggerId.Ct3], stored.Triggers.Select(t => t.Id));
    }

    [Fact]
    public void An_unknown_ref_is_an_error_naming_it()
    {
        var workspace = _repo.Workspace();

        var error = Assert.Throws<HandoffException>(() => CouncilCheck.Run(workspace.Layout, workspace.Config, "no-such-branch", "HEAD", null));

        Assert.Contains("--base 'no-such-branch'", error.Message, StringComparison.Ordinal);
    }
}
