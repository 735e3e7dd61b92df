using System;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.Contracts;
using Npgsql;

namespace Alexandria.Client.Tests;

/// <summary>
/// A consumer's whole session through the generated client against the server on PostgreSQL: runs, events
/// with a sequence conflict, compaction through the API, snapshots, artifacts, handoffs and packets.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class ClientEndToEndTests(PostgresServer server)
{
    private readonly AlexandriaClient _client = server.Client;

    [Fact]
    public async Task A_run_is_created_and_read_back_with_its_null_members_intact()
    {
        var runId = Examples.NewRunId("create");

        var created = await _client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Audit the docs." });
        var read = await _client.GetRunAsync(runId);

        Assert.Equal(runId, created.RunId);
        Assert.Equal(RunStatus.Active, read.Status);
        Assert.Equal(0, read.LastSeq);
        Assert.Null(read.LatestSnapshotId);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task Text_with_control_characters_round_trips_through_the_postgres_documents()
    {
        var runId = Examples.NewRunId("nul");

        var created = await _client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "a\u0000b\u0001c \"quoted\" \\ é 🙂" });

        Assert.Equal(created, await _client.GetRunAsync(runId));
        Assert.Equal("a\u0000b\u0001c \"quoted\" \\ é 🙂", (await _client.GetRunAsync(runId)).Objective);
    }

    [Fact]
    public async Task Appended_events_come_back_equal_and_live_in_postgres()
    {
        var runId = await NewRunAsync("append");
        var events = Examples.StepEvents(runId, 1, 12);

        var appended = await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = events });
        var page = await _client.ReadEventsAsync(runId, from_seq: 1, limit: 100);

        Assert.Equal((1L, 12L), (appended.FirstSeq, appended.LastSeq));
        Assert.Equal(events, page.Events);
        Assert.Null(page.NextSeq);
        Assert.Equal(12, await CountRowsAsync("events", runId));
    }

    [Fact]
    public async Task A_sequence_conflict_is_a_409_naming_expected_seq_and_writes_nothing()
    {
        var runId = await NewRunAsync("conflict");
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 4) });

        var stale = new AppendEventsRequest { ExpectedSeq = 2, Events = Examples.StepEvents(runId, 3, 2) };
        var error = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.AppendEventsAsync(runId, stale));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal(409, error.Result.Status);
        Assert.Contains(error.Result.Errors!, e => e.Pointer == "/expected_seq");
        Assert.Equal(4, (await _client.GetRunAsync(runId)).LastSeq);
        Assert.Equal(4, await CountRowsAsync("events", runId));
    }

    [Fact]
    public async Task Compaction_through_the_api_writes_a_snapshot_served_as_latest_by_id_and_in_the_history()
    {
        var runId = await NewRunAsync("compact");
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 18) });

        var first = await _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual, ExpectedSeq = 18 });
        var run = await _client.GetRunAsync(runId);
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = run.LastSeq, Events = Examples.StepEvents(runId, run.LastSeq + 1, 8) });
        var second = await _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual });

        Assert.Equal((1L, 18L), (first.CoveredSeq.First, first.CoveredSeq.Last));
        Assert.Null(first.ParentSnapshotId);
        Assert.Equal(first.SnapshotId, second.ParentSnapshotId);
        Assert.Equal(first.CoveredSeq.Last + 1, second.CoveredSeq.First);
        Assert.Equal(second, await _client.GetLatestSnapshotAsync(runId));
        Assert.Equal(first, await _client.GetSnapshotAsync(runId, first.SnapshotId));
        var history = await _client.GetSnapshotHistoryAsync(runId);
        Assert.Equal([first.SnapshotId, second.SnapshotId], history.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(second.SnapshotId, (await _client.GetRunAsync(runId)).LatestSnapshotId);
        var kinds = (await _client.ReadEventsAsync(runId, from_seq: 19, limit: 10)).Events.Select(e => e.Kind).Take(2);
        Assert.Equal(["compaction_started", "compaction_finished"], kinds);
        Assert.Equal(2, await CountRowsAsync("snapshots", runId));
    }

    [Fact]
    public async Task A_compaction_right_after_a_compaction_is_a_409_not_a_snapshot_of_bookkeeping()
    {
        var runId = await NewRunAsync("compact-twice");
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 6) });
        await _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual });

        var error = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(
            () => _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual }));

        Assert.Equal(409, error.StatusCode);
        Assert.Single((await _client.GetSnapshotHistoryAsync(runId)).Snapshots);
        Assert.Equal(8, (await _client.GetRunAsync(runId)).LastSeq);
    }

    [Fact]
    public async Task A_compaction_with_a_stale_expected_seq_is_a_409_and_writes_nothing()
    {
        var runId = await NewRunAsync("compact-stale");
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 6) });

        var error = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(
            () => _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual, ExpectedSeq = 3 }));

        Assert.Equal(409, error.StatusCode);
        Assert.Contains(error.Result.Errors!, e => e.Pointer == "/expected_seq");
        Assert.Equal(6, (await _client.GetRunAsync(runId)).LastSeq);
        Assert.Equal(0, await CountRowsAsync("snapshots", runId));
    }

    [Fact]
    public async Task A_snapshot_citing_evidence_that_is_not_stored_is_rejected_with_the_finding_pointer_and_not_written()
    {
        var runId = await NewRunAsync("compact-reject");
        var observed = Examples.Read<RunEvent>("run_event.valid.3.json") with { EventId = Guid.NewGuid(), RunId = runId, Seq = 1, StepId = 0 };
        await _client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = [observed] });

        var error = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(
            () => _client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual }));

        Assert.Equal(422, error.StatusCode);
        Assert.Contains(error.Result.Errors!, e => e.Pointer.StartsWith("/findings/", StringComparison.Ordinal) && e.Pointer.Contains("/evidence/", StringComparison.Ordinal));
        Assert.Equal(0, await CountRowsAsync("snapshots", runId));
        await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.GetLatestSnapshotAsync(runId));
        var kinds = (await _client.ReadEventsAsync(runId)).Events.Select(e => e.Kind);
        Assert.Equal(["observe", "compaction_started", "compaction_rejected"], kinds);
    }

    [Fact]
    public async Task An_artifact_is_registered_read_back_equal_and_refused_twice()
    {
        var runId = await NewRunAsync("artifact");
        var record = Examples.Read<ArtifactRecord>("artifact_record.valid.1.json") with { ArtifactId = Guid.NewGuid(), RunId = runId };

        var registered = await _client.RegisterArtifactAsync(runId, record);
        var read = await _client.GetArtifactAsync(runId, record.ArtifactId);
        var again = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.RegisterArtifactAsync(runId, record));

        Assert.Equal(record, registered);
        Assert.Equal(record, read);
        Assert.Equal(409, again.StatusCode);
        Assert.Contains(again.Result.Errors!, e => e.Pointer == "/artifact_id");
        Assert.Equal(1, await CountRowsAsync("artifacts", runId));
    }

    [Fact]
    public async Task Packets_of_every_union_case_are_submitted_and_a_request_packet_is_acknowledged()
    {
        var request = Examples.Read<Packet>("context_request_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        var response = Examples.Read<Packet>("context_response_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        var handoff = Examples.Read<Packet>("handoff_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };

        var receipts = new[] { await _client.SubmitPacketAsync(request), await _client.SubmitPacketAsync(response), await _client.SubmitPacketAsync(handoff) };
        var ack = await _client.AcknowledgePacketAsync(request.PacketId);
        var ackAgain = await _client.AcknowledgePacketAsync(request.PacketId);

        Assert.Equal([request.PacketId, response.PacketId, handoff.PacketId], receipts.Select(r => r.PacketId));
        Assert.All(receipts, r => Assert.Equal(PacketStatus.Active, r.Status));
        Assert.Equal($"ACK loaded context {request.PacketId:D}", ack.Message);
        Assert.Equal(ack, ackAgain);
        var missing = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.AcknowledgePacketAsync(Guid.NewGuid()));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task A_handoff_is_created_and_listed_as_the_same_union_case()
    {
        var runId = await NewRunAsync("handoff");
        var handoff = (HandoffPacket)Examples.Read<Packet>("handoff_packet.valid.1.json") with { PacketId = Guid.NewGuid(), RunId = runId, CreatedAt = DateTimeOffset.UtcNow };

        var created = await _client.CreateHandoffAsync(runId, handoff);
        var listed = await _client.ListHandoffsAsync(runId);

        Assert.Equal(handoff, created);
        Assert.Equal(handoff, Assert.Single(listed.Handoffs));
    }

    [Fact]
    public async Task A_second_server_on_the_same_database_sees_the_same_runs_handoffs_and_packets()
    {
        var runId = await NewRunAsync("shared");
        var handoff = (HandoffPacket)Examples.Read<Packet>("handoff_packet.valid.1.json") with { PacketId = Guid.NewGuid(), RunId = runId, CreatedAt = DateTimeOffset.UtcNow };
        await _client.CreateHandoffAsync(runId, handoff);
        var packet = Examples.Read<Packet>("context_request_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        await _client.SubmitPacketAsync(packet);

        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alexandria-second-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var second = await Alexandria.Server.AlexandriaServerHost.StartAsync(new Alexandria.Server.AlexandriaServerOptions
            {
                Urls = ["http://127.0.0.1:0"],
                StoreDirectory = directory,
                PostgresConnectionString = server.ConnectionString,
                MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
                Configure = settings => settings.ApiKeys.Add(PostgresServer.ApiKey),
            });
            using var other = AlexandriaClient.Create(new Uri(second.Addresses[0]), PostgresServer.ApiKey);

            Assert.Equal(await _client.GetRunAsync(runId), await other.GetRunAsync(runId));
            Assert.Equal(handoff, Assert.Single((await other.ListHandoffsAsync(runId)).Handoffs));
            Assert.Equal($"ACK loaded context {packet.PacketId:D}", (await other.AcknowledgePacketAsync(packet.PacketId)).Message);
        }
        finally
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        Assert.Equal(2, await CountDocumentsAsync($"runs/{runId}/%"));              // run.json, the handoff
        Assert.Equal(2, await CountDocumentsAsync($"packets/{packet.PacketId:N}%")); // the packet, its acknowledgement
    }

    private async Task<long> CountDocumentsAsync(string pathPattern)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM server_documents WHERE path LIKE @pattern", connection);
        command.Parameters.AddWithValue("pattern", pathPattern);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> NewRunAsync(string hint)
    {
        var runId = Examples.NewRunId(hint);
        await _client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Client end-to-end test." });
        return runId;
    }

    private async Task<long> CountRowsAsync(string table, string runId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE run_id = @run", connection);
        command.Parameters.AddWithValue("run", runId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
