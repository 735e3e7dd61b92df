using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.Agents.Handoffs;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Handoff.Rules;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;
using Alexandria.Runtime.Events;
using Alexandria.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Alexandria.Agents.Tests.Infrastructure.Script;
using RuntimeHandoff = Alexandria.Contracts.HandoffPacket;

namespace Alexandria.Handoff.Tests;

/// <summary>
/// Mode 2: packets routed between agent roles by the runtime — the agent loop's planner and executor hand off
/// through the HTTP API (a real server on a loopback port, a scripted model), under the same TTL and ACK rules as
/// Modes 0 and 1 (Alexandria.Handoff.Rules).
/// </summary>
public sealed class Mode2Tests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alx-mode2-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _serverTime = new(Start);
    private AlexandriaServerHost? _host;
    private HttpClient? _client;

    private AlexandriaServerHost Host => _host!;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        _host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            StoreDirectory = _directory,
            MinimumLogLevel = LogLevel.Error,
            Time = _serverTime,
            Configure = settings => settings.InsecureNoAuth = true,
        });
        _client = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task Planner_and_executor_hand_off_through_the_server_and_each_packet_is_acknowledged_there()
    {
        var runId = await CreateRunAsync();
        var options = new AgentOptions
        {
            HandoffRoute = new HttpHandoffRoute(Client),
            Session = new RunSessionOptions { Clock = new ScriptedClock(Start, TimeSpan.FromSeconds(1)) },
        };

        var result = await RunAsync(runId, options, Of(
            Planner(Next("Search the documents for compaction thresholds.")),
            Executor(Act("search", """{"query":"compaction counted events"}""", Call(1))),
            Planner(Done)));

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        // Both handoffs went through POST /runs/{runId}/handoffs: validated and recorded by the server.
        var handoffs = (await GetAsync($"/runs/{runId}/handoffs"))["handoffs"]!.AsArray();
        Assert.Equal([("planner", "executor"), ("executor", "planner")],
            handoffs.Select(h => ((string)h!["from_role"]!, (string)h["to_role"]!)).ToArray());
        // Each was acknowledged by its receiver at POST /packets/{id}/ack; the run's log (on the server) records the same ACK.
        var events = (await GetAsync($"/runs/{runId}/events"))["events"]!.AsArray();
        var received = events.Where(e => (string)e!["kind"]! == "handoff_received").Select(e => e!["payload"]!).ToList();
        Assert.Equal(2, received.Count);
        foreach (var handoff in handoffs)
        {
            var id = (string)handoff!["packet_id"]!;
            var ack = await PostAsync($"/packets/{id}/ack", null);
            Assert.Equal(HttpStatusCode.OK, ack.Status);
            Assert.Equal(PacketAck.RuntimeRecord(id), (string)ack.Body!["message"]!);
            Assert.Equal("ACK loaded context " + id, (string)received.Single(r => (string)r!["packet_id"]! == id)!["ack_message"]!);
        }
    }

    [Fact]
    public async Task A_handoff_the_server_finds_stale_is_blocked_and_the_run_ends_without_an_acknowledgement()
    {
        var runId = await CreateRunAsync();
        // The agent's clock is two hours behind the server's: a 1 h packet is already stale when it arrives.
        var options = new AgentOptions
        {
            HandoffRoute = new HttpHandoffRoute(Client),
            HandoffTtlHours = 1,
            Session = new RunSessionOptions { Clock = new ScriptedClock(Start.AddHours(-2), TimeSpan.FromSeconds(1)) },
        };

        var result = await RunAsync(runId, options, Of(Planner(Next("Search."))));

        Assert.Equal(AgentRunStatus.HandoffBlocked, result.Status);
        Assert.StartsWith("BLOCKED", result.Message, StringComparison.Ordinal);
        Assert.Contains("beyond its TTL of 1 h", result.Message, StringComparison.Ordinal);
        Assert.Empty((await GetAsync($"/runs/{runId}/handoffs"))["handoffs"]!.AsArray());
        var events = (await GetAsync($"/runs/{runId}/events"))["events"]!.AsArray();
        Assert.DoesNotContain(events, e => (string)e!["kind"]! is "handoff_sent" or "handoff_received");
    }

    [Fact]
    public async Task The_receiver_acknowledges_exactly_at_the_ttl_and_is_blocked_one_tick_later_as_in_modes_0_and_1()
    {
        var runId = await CreateRunAsync();
        var route = new HttpHandoffRoute(Client);
        var atTtl = NewHandoff(runId, _serverTime.GetUtcNow(), ttlHours: 2);
        var pastTtl = NewHandoff(runId, _serverTime.GetUtcNow(), ttlHours: 2);
        Assert.Null(await route.DeliverAsync(atTtl, default));
        Assert.Null(await route.DeliverAsync(pastTtl, default));

        _serverTime.Advance(TimeSpan.FromHours(2));
        var fresh = await route.AcknowledgeAsync(atTtl, _serverTime.GetUtcNow(), default);
        _serverTime.Advance(TimeSpan.FromTicks(1));
        var stale = await route.AcknowledgeAsync(pastTtl, _serverTime.GetUtcNow(), default);

        Assert.Equal(new HandoffReceipt(false, "ACK loaded context " + atTtl.PacketId.ToString("D")), fresh);
        Assert.True(stale.Blocked);
        Assert.StartsWith("BLOCKED: packet '" + pastTtl.PacketId.ToString("D") + "' is stale", stale.Message, StringComparison.Ordinal);
        // The in-process route and the CLI's ingestion (Modes 0/1) draw the same line, from the same rule.
        Assert.False((await InProcessHandoffRoute.Instance.AcknowledgeAsync(atTtl, atTtl.CreatedAt.AddHours(2), default)).Blocked);
        Assert.True((await InProcessHandoffRoute.Instance.AcknowledgeAsync(atTtl, atTtl.CreatedAt.AddHours(2).AddTicks(1), default)).Blocked);
        using var repo = new TempGitRepo();
        var workspace = repo.Workspace();
        var request = new PacketFactory(workspace).Request(new PacketOrigin(Packets.HandoffMode.Mode2), Packets.Role.Planner, "Compaction", "Need the thresholds");
        repo.Time.Advance(TimeSpan.FromHours(72));
        Assert.Equal(PacketAck.Line(request.PacketId), workspace.Ingestion.Ingest(request.PacketId, false).Message);
    }

    [Fact]
    public async Task A_packet_that_breaks_the_contract_is_refused_by_the_server_with_its_pointer()
    {
        var runId = await CreateRunAsync();
        var invalid = NewHandoff(runId, _serverTime.GetUtcNow(), ttlHours: 2) with { Objective = "" };

        var refused = await Assert.ThrowsAsync<HandoffRefusedException>(() => new HttpHandoffRoute(Client).DeliverAsync(invalid, default));

        Assert.Contains("(422)", refused.Message, StringComparison.Ordinal);
        var reply = await PostAsync($"/runs/{runId}/handoffs", JsonNode.Parse(Encoding.UTF8.GetString(((Alexandria.Contracts.Packet)invalid).ToUtf8Json())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Contains(reply.Body!["errors"]!.AsArray(), e => (string)e!["pointer"]! == "/objective");
    }

    private static RuntimeHandoff NewHandoff(string runId, DateTimeOffset createdAt, int ttlHours) => new()
    {
        PacketId = Guid.NewGuid(),
        CreatedAt = createdAt,
        TtlHours = ttlHours,
        RunId = runId,
        FromRole = AgentRole.Planner,
        ToRole = AgentRole.Executor,
        Objective = "Find the compaction thresholds.",
        Scope = new HandoffScope { ReadablePaths = ["guide/*.md"], WritablePaths = [] },
        SnapshotId = null,
        CouncilTriggers = [],
        Workstream = new WorkstreamRef { Name = "agent-run", Resolution = WorkstreamResolution.Exact },
    };

    private Task<AgentRunResult> RunAsync(string runId, AgentOptions options, ModelScript script)
        => new AgentRunner(Host.Store, new ScriptedChatClient(script), AgentRunner.ResearchTools(Documents.Index()), options)
            .RunAsync(runId, "Explain when compaction fires.");

    private async Task<string> CreateRunAsync()
    {
        var runId = "mode2-" + Guid.NewGuid().ToString("N")[..12];
        var reply = await PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Explain when compaction fires." });
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return runId;
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var reply = await Client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        return JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, JsonNode? body)
    {
        using var content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var reply = await Client.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), body is null ? null : content);
        var text = await reply.Content.ReadAsStringAsync();
        return (reply.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
