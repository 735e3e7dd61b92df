using System;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>Packets: typed by the contract, one validated file each, append-only, ACK on ingestion.</summary>
public sealed class PacketTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static readonly PacketOrigin Mode0 = new(HandoffMode.Mode0);

    [Fact]
    public void A_context_request_is_stored_as_one_validated_json_file_named_by_its_id()
    {
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(Mode0, Role.Builder, "Authentication", "Need auth schemas and user implementation");

        var path = workspace.Store.PathOf(request.PacketId);
        Assert.True(File.Exists(path));
        Assert.Matches("^req-[0-9a-f]{12}$", request.PacketId);
        var text = File.ReadAllText(path);
        Assert.Contains("\"packet_type\": \"CONTEXT_REQUEST\"", text, StringComparison.Ordinal);
        Assert.Contains("\"requester_role\": \"builder\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ttl_hours\": 72", text, StringComparison.Ordinal);
        Assert.Equal(request, workspace.Store.Load(request.PacketId));
    }

    [Fact]
    public void Ingestion_prints_exactly_the_ack_line_and_records_the_acknowledgement()
    {
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(Mode0, Role.Architect, "Storage", "Which store backs snapshots?");
        _repo.Time.Advance(TimeSpan.FromHours(1));

        var result = workspace.Ingestion.Ingest(request.PacketId, allowStale: false);

        Assert.Equal(IngestionOutcome.Acknowledged, result.Outcome);
        Assert.Equal("ACK loaded context " + request.PacketId + ".", result.Message);
        var ack = Assert.Single(workspace.Ingestion.AcknowledgementsOf(request.PacketId));
        Assert.Equal(result.Message, ack.Message);
        Assert.False(ack.AllowStale);
        Assert.Equal(1.0, ack.AgeHours);
        Assert.Equal(_repo.Time.GetUtcNow(), ack.AcknowledgedAt);
    }

    [Fact]
    public void A_packet_file_is_never_overwritten()
    {
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(Mode0, Role.Builder, "Auth", "Need the schema");
        var before = File.ReadAllBytes(workspace.Store.PathOf(request.PacketId));

        var again = Assert.Throws<HandoffException>(() => workspace.Store.Save(request with { Topic = "Something else" }));

        Assert.Contains("append-only", again.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(workspace.Store.PathOf(request.PacketId)));
    }

    [Fact]
    public void A_hand_edited_invalid_packet_is_refused_with_its_json_pointer()
    {
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(Mode0, Role.Builder, "Auth", "Need the schema");
        var path = workspace.Store.PathOf(request.PacketId);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"requester_role\": \"builder\"", "\"requester_role\": \"intern\"", StringComparison.Ordinal));

        var result = workspace.Ingestion.Ingest(request.PacketId, allowStale: false);

        Assert.Equal(IngestionOutcome.Refused, result.Outcome);
        Assert.Contains("artifacts/packets/" + request.PacketId + ".json: /requester_role:", result.Message, StringComparison.Ordinal);
        Assert.Empty(workspace.Ingestion.AcknowledgementsOf(request.PacketId));
    }

    [Theory]
    [InlineData("Please generate a context pack for authentication.")]
    [InlineData("{\"topic\": \"Authentication\", \"query\": \"Need auth schemas\"}")]
    public void A_context_request_that_is_not_a_packet_is_refused(string content)
    {
        var workspace = _repo.Workspace();
        var file = _repo.Write("request.txt", content);

        var result = workspace.Ingestion.Ingest(file, allowStale: false);

        Assert.Equal(IngestionOutcome.Refused, result.Outcome);
        Assert.Contains("not a handoff packet", result.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.Layout.Packets) && Directory.EnumerateFiles(workspace.Layout.Packets).Any());
    }

    [Fact]
    public void A_packet_file_from_elsewhere_is_validated_stored_and_acknowledged()
    {
        var other = new TempGitRepo();
        try
        {
            var sent = new PacketFactory(other.Workspace()).Request(Mode0, Role.Architect, "Auth", "Need the schema");
            var pasted = _repo.Write("incoming.json", File.ReadAllText(other.Workspace().Store.PathOf(sent.PacketId)));
            var workspace = _repo.Workspace();

            var result = workspace.Ingestion.Ingest(pasted, allowStale: false);

            Assert.Equal("ACK loaded context " + sent.PacketId + ".", result.Message);
            Assert.Equal(sent, workspace.Store.Load(sent.PacketId));
        }
        finally
        {
            other.Dispose();
        }
    }

    [Fact]
    public void A_context_response_matches_an_existing_request_and_paths_that_exist_at_its_commit()
    {
        _repo.Write("src/auth/schema.json", "{}");
        _repo.Write("src/auth/user.cs", "class User {}");
        var commit = _repo.Commit("auth");
        var workspace = _repo.Workspace();
        var factory = new PacketFactory(workspace);
        var request = factory.Request(new PacketOrigin(HandoffMode.Mode1), Role.Builder, "Authentication", "Need auth schemas and user implementation");

        var response = factory.Respond(new PacketOrigin(HandoffMode.Mode1), request.PacketId, Role.Architect, "HEAD",
            [new RepoRef { Path = "src/auth/schema.json", Summary = "The auth schema" }, new RepoRef { Path = "src/auth/user.cs", Summary = "The user type" }]);

        Assert.Equal(commit, response.Commit);
        Assert.Equal(request.LineageId, response.LineageId);
        Assert.Equal("ACK loaded context " + response.PacketId + ".", workspace.Ingestion.Ingest(response.PacketId, false).Message);
    }

    [Fact]
    public void A_context_response_to_no_request_or_citing_a_missing_path_is_refused()
    {
        _repo.Write("src/auth/schema.json", "{}");
        _repo.Commit("auth");
        var workspace = _repo.Workspace();
        var factory = new PacketFactory(workspace);
        var request = factory.Request(Mode0, Role.Builder, "Authentication", "Need auth schemas");
        RepoRef[] refs = [new RepoRef { Path = "src/auth/schema.json", Summary = "The auth schema" }];

        var noRequest = Assert.Throws<HandoffException>(() => factory.Respond(Mode0, "req-000000000000", Role.Architect, "HEAD", refs));
        var missing = Assert.Throws<HandoffException>(() => factory.Respond(Mode0, request.PacketId, Role.Architect, "HEAD",
            [new RepoRef { Path = "src/auth/missing.cs", Summary = "Not there" }]));

        Assert.Contains("no packet req-000000000000", noRequest.Message, StringComparison.Ordinal);
        Assert.Contains("/repo_refs/0/path: 'src/auth/missing.cs' does not exist at commit", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_written_response_citing_a_file_added_after_its_commit_is_refused_at_ingestion()
    {
        _repo.Write("README.md", "hello");
        var first = _repo.Commit("first");
        _repo.Write("src/late.cs", "class Late {}");
        _repo.Commit("second");
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(Mode0, Role.Builder, "Late", "Where is Late?");
        var response = new ContextResponsePacket
        {
            PacketId = "resp-0123456789ab", CreatedAt = workspace.Now, TtlHours = 72, LineageId = request.LineageId, Mode = HandoffMode.Mode0,
            ResponderRole = Role.Architect, RequestPacketId = request.PacketId, Commit = first,
            RepoRefs = [new RepoRef { Path = "src/late.cs", Summary = "Late" }],
        };
        var file = _repo.Write("incoming.json", response.ToJson());

        var result = workspace.Ingestion.Ingest(file, false);

        Assert.Equal(IngestionOutcome.Refused, result.Outcome);
        Assert.Contains("/repo_refs/0/path: 'src/late.cs' does not exist at commit " + first[..12], result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_packet_type_and_role_of_the_protocol_round_trips_through_the_contract()
    {
        Assert.Equal(["CONTEXT_REQUEST", "CONTEXT_RESPONSE", "HANDOFF", "REVIEW", "READINESS", "COUNCIL"], Packet.PacketTypeValues);
        Assert.Equal(["human_lead", "architect", "builder", "planner", "executor"], Enum.GetValues<Role>().Select(RoleJsonConverter.ToJsonValue));
        var workspace = _repo.Workspace();
        var handoff = new PacketFactory(workspace).Handoff(Mode0, Role.Planner, Role.Executor, "Build the parser", "Spec agreed", ["src/parser/**"]);
        Assert.Equal(handoff, Packet.Parse(File.ReadAllBytes(workspace.Store.PathOf(handoff.PacketId))));
    }
}
