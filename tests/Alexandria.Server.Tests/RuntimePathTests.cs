using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>
/// Issue 15, item 13: the server writes through the runtime (<c>RunSession</c>), as the CLI does. Compaction is
/// automatic and only the runtime writes its history; a requested compaction's trigger must be true; a stale
/// handoff is BLOCKED; CT-5 needs its link.
/// </summary>
public sealed class RuntimePathTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;

    private async Task<string> CreateRunAsync()
    {
        var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
        var reply = await _client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Audit the docs." });
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return runId;
    }

    private async Task AppendStepsAsync(string runId, long expectedSeq, int firstStep, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            var reply = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(expectedSeq, Http.Step(runId, expectedSeq + 1, firstStep + i)));
            Assert.True(reply.Code == 200, reply.Text);
            expectedSeq += 3;
        }
    }

    [Theory]
    [InlineData("compaction_started", """{"trigger": "manual", "counted_events_since_snapshot": 0, "steps_since_snapshot": 0, "parent_snapshot_id": null}""")]
    [InlineData("compaction_finished", """{"snapshot_id": "6c1f0e2a-93b4-4d7e-a5f8-0b2c4d6e8f1a", "covered_seq": {"first": 1, "last": 1}, "covered_steps": {"first": 0, "last": 0}}""")]
    [InlineData("compaction_rejected", """{"reason": "invariant_violated", "violations": ["forged"]}""")]
    public async Task A_client_written_compaction_event_is_a_422_at_its_kind_and_nothing_is_written(string kind, string payload)
    {
        var runId = await CreateRunAsync();
        var forged = Http.PlanEvent(runId, 2);
        forged["kind"] = kind;
        forged["payload"] = JsonNode.Parse(payload);

        var reply = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(0, Http.PlanEvent(runId, 1), forged));

        Http.AssertProblem(reply, 422, "/events/1/kind");
        Assert.Equal("runtimeOwned", (string)reply.Body!["errors"]![0]!["keyword"]!);
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task Eighteen_counted_events_compact_automatically_as_a_cli_run_does()
    {
        var runId = await CreateRunAsync();

        await AppendStepsAsync(runId, 0, firstStep: 1, steps: 6);

        var latest = await _client.GetJsonAsync($"/runs/{runId}/snapshots/latest");
        Assert.True(latest.Code == 200, latest.Text);
        Assert.Equal(1, (long)latest.Body!["covered_seq"]!["first"]!);
        Assert.Equal(18, (long)latest.Body["covered_seq"]!["last"]!);
        var events = (await _client.GetJsonAsync($"/runs/{runId}/events?from_seq=19")).Body!["events"]!.AsArray();
        Assert.Equal(["compaction_started", "compaction_finished"], events.Select(e => (string)e!["kind"]!).ToArray());
        Assert.Equal("event_threshold", (string)events[0]!["payload"]!["trigger"]!);
        Assert.Equal(20, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task A_first_plan_without_an_objective_is_a_422_at_it_because_no_snapshot_could_carry_the_run()
    {
        var runId = await CreateRunAsync();
        var silent = Http.PlanEvent(runId, 1);
        ((JsonObject)silent["payload"]!).Remove("objective");

        var reply = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(0, silent));

        Http.AssertProblem(reply, 422, "/events/0/payload/objective");
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task After_an_automatic_compaction_a_step_id_it_covers_is_a_422_at_the_step_id()
    {
        var runId = await CreateRunAsync();
        await AppendStepsAsync(runId, 0, 0, 6);

        var reused = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(20, Http.Step(runId, 21, 3)));

        Http.AssertProblem(reused, 422, "/events/0/step_id");
        Assert.Contains("already compacted", reused.Text, StringComparison.Ordinal);
        Assert.Equal(20, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task After_an_automatic_compaction_an_append_at_the_old_end_is_a_409_naming_the_new_end()
    {
        var runId = await CreateRunAsync();
        await AppendStepsAsync(runId, 0, firstStep: 1, steps: 6);

        var stale = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(18, Http.Step(runId, 19, 7)));
        var fresh = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(20, Http.Step(runId, 21, 7)));

        Http.AssertProblem(stale, 409, "/expected_seq");
        Assert.Contains("ends at seq 20", stale.Text, StringComparison.Ordinal);
        Assert.Equal(200, fresh.Code);
    }

    [Theory]
    [InlineData("event_threshold", "18 counted events")]
    [InlineData("step_fallback", "8 steps")]
    public async Task A_requested_compaction_whose_trigger_the_counts_do_not_meet_is_a_422_at_the_trigger(string trigger, string needs)
    {
        var runId = await CreateRunAsync();
        await AppendStepsAsync(runId, 0, firstStep: 1, steps: 1);

        var reply = await _client.PostAsync($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = trigger });

        Http.AssertProblem(reply, 422, "/trigger");
        Assert.Contains(needs, reply.Text, StringComparison.Ordinal);
        Assert.Equal(404, (await _client.GetJsonAsync($"/runs/{runId}/snapshots/latest")).Code);
        Assert.Equal(3, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task A_requested_compaction_whose_trigger_holds_is_recorded_with_that_trigger()
    {
        var runId = await CreateRunAsync();
        var events = Enumerable.Range(1, 8).Select(step => Http.PlanEvent(runId, step)).ToArray();
        for (var i = 0; i < events.Length; i++)
        {
            events[i]["step_id"] = i + 1;
        }
        // Eight steps of one plan event each: the step fallback is due, but only at a step's end does the server compact on its own.
        await using (var noAuto = await StartServerAsync(settings => settings.AutomaticCompaction = false))
        {
            var client = noAuto.Client;
            Assert.Equal(201, (await client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "x" })).Code);
            Assert.Equal(200, (await client.PostAsync($"/runs/{runId}/events", Http.Batch(0, events))).Code);

            var reply = await client.PostAsync($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = "step_fallback" });

            Assert.True(reply.Code == 201, reply.Text);
            var started = (await client.GetJsonAsync($"/runs/{runId}/events?from_seq=9")).Body!["events"]![0]!;
            Assert.Equal("step_fallback", (string)started["payload"]!["trigger"]!);
        }
    }

    [Fact]
    public async Task A_run_whose_step_id_is_the_largest_long_still_compacts_and_never_answers_a_5xx()
    {
        var runId = await CreateRunAsync();
        var plan = Http.PlanEvent(runId, 1);
        plan["step_id"] = long.MaxValue;
        Assert.Equal(200, (await _client.PostAsync($"/runs/{runId}/events", Http.Batch(0, plan))).Code);

        var first = await _client.PostAsync($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = "manual" });
        var more = Http.PlanEvent(runId, 4);
        more["step_id"] = long.MaxValue;
        var after = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(3, more));

        Assert.True(first.Code == 201, first.Text);
        // Steps cannot advance past the largest id, and a step the snapshot covers could never be compacted again
        // (issue 15 item 6): the append is refused at its step id, never a 5xx, and nothing is written.
        Http.AssertProblem(after, 422, "/events/0/step_id");
        Assert.Equal(3, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task A_handoff_past_its_ttl_is_blocked_with_a_409_and_not_stored()
    {
        var runId = await CreateRunAsync();
        var stale = Http.Handoff(runId, DateTimeOffset.UtcNow.AddHours(-2), ttlHours: 1);

        var reply = await _client.PostAsync($"/runs/{runId}/handoffs", stale);

        Http.AssertProblem(reply, 409, "/created_at");
        Assert.Contains("BLOCKED", reply.Text, StringComparison.Ordinal);
        Assert.Empty((await _client.GetJsonAsync($"/runs/{runId}/handoffs")).Body!["handoffs"]!.AsArray());
    }

    [Theory]
    [InlineData("createHandoff")]
    [InlineData("submitPacket")]
    public async Task Ct5_without_one_of_ct1_to_ct4_is_a_422_at_the_trigger_and_with_one_it_is_accepted(string operation)
    {
        var runId = await CreateRunAsync();
        var path = operation == "createHandoff" ? $"/runs/{runId}/handoffs" : "/packets";
        var alone = Http.Handoff(runId, DateTimeOffset.UtcNow, 72);
        alone["council_triggers"] = new JsonArray("CT-5");
        var linked = Http.Handoff(runId, DateTimeOffset.UtcNow, 72);
        linked["council_triggers"] = new JsonArray("CT-2", "CT-5");

        var refused = await _client.PostAsync(path, alone);
        var accepted = await _client.PostAsync(path, linked);

        Http.AssertProblem(refused, 422, "/council_triggers/0");
        Assert.True(accepted.Code is 201 or 202, accepted.Text);
    }

    [Fact]
    public async Task The_default_ttl_of_a_packet_without_ttl_hours_comes_from_the_settings()
    {
        await using var shortTtl = await StartServerAsync(settings => settings.HandoffTtlHours = 1);
        var client = shortTtl.Client;
        var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(201, (await client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "x" })).Code);
        var handoff = Http.Handoff(runId, DateTimeOffset.UtcNow.AddHours(-2), ttlHours: null);

        var onShortTtl = await client.PostAsync($"/runs/{runId}/handoffs", handoff);
        var defaultRun = await CreateRunAsync();
        var onDefaults = await _client.PostAsync($"/runs/{defaultRun}/handoffs", Http.Handoff(defaultRun, DateTimeOffset.UtcNow.AddHours(-2), ttlHours: null));

        Http.AssertProblem(onShortTtl, 409, "/created_at");
        Assert.Contains("(1 h TTL)", onShortTtl.Text, StringComparison.Ordinal);
        Assert.True(onDefaults.Code == 201, onDefaults.Text);
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    public async Task A_packet_created_at_the_end_of_time_is_accepted_and_every_read_of_it_answers(string createdAt)
    {
        var runId = await CreateRunAsync();
        var handoff = Http.Handoff(runId, DateTimeOffset.UtcNow, 72);
        handoff["created_at"] = createdAt;
        var packetId = (string)handoff["packet_id"]!;

        var created = await _client.PostAsync($"/runs/{runId}/handoffs", handoff);
        var listed = await _client.GetJsonAsync($"/runs/{runId}/handoffs");
        var submitted = await _client.PostAsync("/packets", handoff.DeepClone());
        var acknowledged = await _client.PostRawAsync($"/packets/{packetId}/ack", "");
        var run = await _client.GetJsonAsync($"/runs/{runId}");

        Assert.True(created.Code == 201, created.Text);
        Assert.Equal(200, listed.Code);
        Assert.True(submitted.Code == 202, submitted.Text);
        Assert.Equal("active", (string)submitted.Body!["status"]!);
        Assert.True(acknowledged.Code == 200, acknowledged.Text);
        Assert.Equal(200, run.Code);
    }

    private static async Task<OwnServer> StartServerAsync(Action<AlexandriaServerSettings> configure)
        => await OwnServer.StartAsync(settings =>
        {
            settings.ApiKeys.Add(ServerFixture.ApiKey);
            configure(settings);
        });
}
