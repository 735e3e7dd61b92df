using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>The real <c>alexandria handoff</c> commands through a full build cycle on a fresh git repository (docs/handoff.md).</summary>
public sealed class CliCycleTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private CliResult Run(params string[] arguments) => Cli.Run(_repo.Root, arguments);

    private static string Id(string prefix, CliResult result) => Regex.Match(result.Stdout, prefix + "-[0-9a-f]{12}").Value;

    [Fact]
    public void A_full_build_cycle_runs_from_context_request_to_pickup_bundle_without_showing_internal_ids()
    {
        _repo.Write("src/auth/User.cs", "namespace Auth;\n\npublic sealed class User\n{\n}\n");
        _repo.Write("handoff.yaml", "test_command: \"echo tests passed\"\n");
        var baseCommit = _repo.Commit("base");

        var request = Run("handoff", "packet", "request", "--from", "builder", "--topic", "Authentication", "--query", "Need the user type", "--workstream", "auth work");
        Assert.True(request.Exit == 0, request.ToString());
        Assert.Contains("----- BEGIN DISPATCH -----", request.Stdout, StringComparison.Ordinal);
        var requestId = Id("req", request);

        var response = Run("handoff", "packet", "respond", "--request", requestId, "--from", "architect", "--ref", "src/auth/User.cs=The user type");
        Assert.True(response.Exit == 0, response.ToString());
        var responseId = Id("resp", response);

        var ack = Run("handoff", "ack", responseId);
        Assert.Equal(0, ack.Exit);
        Assert.Equal("ACK loaded context " + responseId + ".\n", ack.Stdout);

        var handoff = Run("handoff", "packet", "handoff", "--from", "architect", "--to", "builder", "--objective", "Add login", "--state", "User type exists",
            "--scope", "src/auth/", "--mission", "Auth v2", "--mode", "1", "--context", responseId);
        Assert.True(handoff.Exit == 0, handoff.ToString());
        Assert.Matches("SHA-256: [0-9a-f]{64}", handoff.Stdout);

        _repo.Write(".ci/run", "#!/bin/sh\n./test.sh\n");
        _repo.Commit("ci");
        var council = Run("handoff", "council", "check", "--base", baseCommit, "--mission", "Auth v2");
        Assert.True(council.Exit == 1, council.ToString());
        Assert.Contains("CT-3: new CI/gating file .ci/run", council.Stdout, StringComparison.Ordinal);
        Assert.Contains("Council required: CT-3; wrote COUNCIL council-", council.Stdout, StringComparison.Ordinal);

        var preflight = Run("handoff", "preflight", "--mode", "1", "--mission", "Auth v2");
        Assert.True(preflight.Exit == 0, preflight.ToString());
        var readinessId = Id("ready", preflight);
        Assert.Equal(0, Run("handoff", "verify", readinessId).Exit);

        var review = Run("handoff", "packet", "review", "--mission", "Auth v2", "--from", "builder", "--summary", "Login added; tests pass.", "--changed", ".ci/run");
        Assert.True(review.Exit == 0, review.ToString());

        var close = Run("handoff", "close", "--mission", "Auth v2");
        Assert.True(close.Exit == 0, close.ToString());
        var pathLine = close.Stdout.Split('\n').Single(l => l.StartsWith("📦 Path: ", StringComparison.Ordinal));
        var zip = pathLine["📦 Path: ".Length..];
        Assert.True(Path.IsPathFullyQualified(zip) && File.Exists(zip), pathLine);
        Assert.True(File.Exists(Path.Combine(_repo.Root, "artifacts", "for_ceo", Path.GetFileName(zip))));
        Assert.Equal(0, Run("handoff", "verify", zip).Exit);

        var everything = string.Concat(new[] { request, response, ack, handoff, council, preflight, review, close }.Select(r => r.All));
        Assert.DoesNotContain("lin-", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("lineage", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Council_check_on_a_harmless_diff_exits_0_and_json_output_is_one_document()
    {
        _repo.Write("README.md", "# A\n");
        var baseCommit = _repo.Commit("base");
        _repo.Write("README.md", "# A\n\nMore.\n");
        _repo.Commit("docs");

        var plain = Run("handoff", "council", "check", "--base", baseCommit);
        var json = Run("handoff", "council", "check", "--base", baseCommit, "--output", "json");

        Assert.Equal(0, plain.Exit);
        Assert.StartsWith("No council trigger fired", plain.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.False(document.RootElement.GetProperty("council_required").GetBoolean());
        Assert.Equal(0, document.RootElement.GetProperty("triggers").GetArrayLength());
    }

    [Fact]
    public void A_stale_packet_is_blocked_by_ack_and_an_invalid_one_is_refused_with_its_pointer()
    {
        _repo.Write("README.md", "# A\n");
        _repo.Commit("base");
        var request = Run("handoff", "packet", "request", "--from", "builder", "--topic", "T", "--query", "Q");
        var id = Id("req", request);
        var path = Path.Combine(_repo.Root, "artifacts", "packets", id + ".json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"topic\": \"T\"", "\"topic\": \"\"", StringComparison.Ordinal));

        var invalid = Run("handoff", "ack", id);

        Assert.Equal(1, invalid.Exit);
        Assert.Contains("artifacts/packets/" + id + ".json: /topic:", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal("", invalid.Stdout);
        var list = Run("handoff", "packet", "list");
        Assert.Equal(1, list.Exit);
        Assert.Contains("/topic", list.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_given_as_a_context_request_is_refused()
    {
        _repo.Write("README.md", "# A\n");
        _repo.Commit("base");
        _repo.Write("ask.txt", "Generate a context pack about authentication please");

        var result = Run("handoff", "ack", "ask.txt");

        Assert.Equal(1, result.Exit);
        Assert.Contains("not a handoff packet", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_help_text_or_workstream_message_asks_the_human_for_a_slug_id_or_path()
    {
        _repo.Write("README.md", "# A\n");
        _repo.Commit("base");
        string[][] humanFacing =
        [
            ["handoff", "--help"], ["handoff", "workstream", "--help"], ["handoff", "workstream", "resolve", "--help"],
            ["handoff", "close", "--help"], ["handoff", "packet", "request", "--help"], ["handoff", "packet", "handoff", "--help"],
            ["handoff", "workstream", "resolve", "billing export"], ["handoff", "workstream", "resolve", "biling exprt"], ["handoff", "workstream", "resolve", "?!"],
        ];

        foreach (var arguments in humanFacing)
        {
            var text = Run(arguments).All;
            Assert.DoesNotMatch(new Regex(@"(?i)\bslug\b|lineage|workstream[ _-]?id|\b(enter|provide|give|supply|specify|type)\b[^.\n]{0,30}\b(id|slug|path|identifier)\b"), text);
        }
    }

    [Fact]
    public void The_session_document_is_written_from_packets_and_git_state_and_read_back()
    {
        _repo.Write("README.md", "# A\n");
        var baseCommit = _repo.Commit("base");
        Run("handoff", "packet", "handoff", "--from", "architect", "--to", "builder", "--objective", "Add login", "--state", "Design agreed", "--scope", "src/");
        _repo.Write("src/Login.cs", "class Login {}\n");

        var write = Run("handoff", "write", "--since", baseCommit, "--out", "SESSION_HANDOFF.md");
        Assert.True(write.Exit == 0, write.ToString());
        var markdown = _repo.Read("SESSION_HANDOFF.md");
        Assert.Contains("## Objective\n- Add login\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Files Touched This Session (workspace)\n- `src/Login.cs`\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- `generator`: `alexandria handoff write`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("lin-", markdown, StringComparison.Ordinal);

        var read = Run("handoff", "read", "SESSION_HANDOFF.md", "--output", "json");
        Assert.True(read.Exit == 0, read.ToString());
        using var document = JsonDocument.Parse(read.Stdout);
        Assert.Equal("Add login", document.RootElement.GetProperty("objective")[0].GetString());
    }
}
