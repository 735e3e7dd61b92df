using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Handoff.Rules;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AppendEventsResult = Alexandria.Contracts.Server.AppendEventsResult;

namespace Alexandria.Server;

/// <summary>
/// The generated <see cref="IAlexandriaRuntimeServer"/> over the runtime's store: events through the
/// <see cref="TypedEventLog"/>, snapshots and artifacts through the store, and run records, handoffs and
/// packets (which the runtime has no table for) through an <see cref="IServerDocumentStore"/> on the same backend.
/// Bodies arrive already validated by the generated validators (see <see cref="ServerEndpoints"/>).
/// </summary>
public sealed partial class RuntimeServer : IAlexandriaRuntimeServer
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private readonly IRuntimeStore _store;
    private readonly TypedEventLog _events;
    private readonly IServerDocumentStore _documents;
    private readonly TimeProvider _time;
    private readonly AlexandriaServerSettings _settings;
    private readonly IRunWriter _writer;
    private readonly ILogger _logger;

    /// <summary>
    /// Serves <paramref name="store"/>; its documents go to PostgreSQL when the store is PostgreSQL, else under
    /// <paramref name="rootDirectory"/>.
    /// </summary>
    public RuntimeServer(IRuntimeStore store, string rootDirectory, AlexandriaServerSettings? settings = null, TimeProvider? time = null, ILogger? logger = null, IRunWriter? writer = null)
        : this(store, store is PostgresRuntimeStore postgres ? new PostgresServerDocumentStore(postgres.DataSource) : new FileServerDocumentStore(rootDirectory), settings, time, logger, writer)
    {
    }

    /// <summary>
    /// Serves <paramref name="store"/> with its documents in <paramref name="documents"/>; run writes go through
    /// <paramref name="writer"/> (in this process, one run at a time, by default; to the run's grain in a cluster).
    /// </summary>
    public RuntimeServer(IRuntimeStore store, IServerDocumentStore documents, AlexandriaServerSettings? settings = null, TimeProvider? time = null, ILogger? logger = null, IRunWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(documents);
        _store = store;
        _documents = documents;
        _time = time ?? TimeProvider.System;
        _settings = settings ?? new AlexandriaServerSettings();
        _events = new TypedEventLog(store.Events, store.Objects, _settings.InlineCapBytes);
        _logger = logger ?? NullLogger.Instance;
        _writer = writer ?? new LocalRunWriter(new RunWrites(store, _settings, _time, _logger));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex RunIdPattern();

    /// <inheritdoc/>
    public async Task<CreateRunResult> CreateRunAsync(CreateRunOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = request.Body.RunId ?? "run-" + Guid.NewGuid().ToString("N")[..16];
        var run = new Run
        {
            RunId = runId,
            CreatedAt = _time.GetUtcNow(),
            Objective = request.Body.Objective,
            Status = RunStatus.Active,
            LastSeq = 0,
            LatestSnapshotId = null,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(run, OutputSchemaJson.Options);
        if (!await _documents.TryCreateAsync(RunPath(runId), json, cancellationToken).ConfigureAwait(false))
        {
            return new CreateRunResult.Conflict(Problems.Create(409, "Run exists", $"Run '{runId}' already exists.",
                [Problems.Error("/run_id", "unique", $"Run '{runId}' already exists.")]));
        }
        return new CreateRunResult.Created(run);
    }

    /// <inheritdoc/>
    public async Task<GetRunResult> GetRunAsync(GetRunOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetRunResult.BadRequest(bad);
        }
        var run = await LoadRunAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        return run is null ? new GetRunResult.NotFound(RunNotFound(request.RunId)) : new GetRunResult.Ok(run);
    }

    /// <inheritdoc/>
    public async Task<AppendEventsResult> AppendEventsAsync(AppendEventsOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new AppendEventsResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new AppendEventsResult.NotFound(RunNotFound(request.RunId));
        }
        var body = request.Body;
        var errors = new List<ProblemError>();
        for (var i = 0; i < body.Events.Count; i++)
        {
            var evt = body.Events[i];
            if (evt.RunId != request.RunId)
            {
                errors.Add(Problems.Error($"/events/{i}/run_id", "const", $"Event run_id '{evt.RunId}' does not match the run '{request.RunId}' in the path."));
            }
        }
        if (errors.Count > 0)
        {
            return new AppendEventsResult.UnprocessableEntity(Problems.Create(422, "Event does not belong to the run", errors[0].Message, errors.Take(100).ToArray()));
        }
        if (RuntimeOwned(body.Events) is { Length: > 0 } owned)
        {
            return new AppendEventsResult.UnprocessableEntity(Problems.Create(422, "Runtime-owned event kind", owned[0].Message, owned));
        }
        for (var i = 0; i < body.Events.Count; i++)
        {
            var expected = body.ExpectedSeq + 1 + i;
            if (body.Events[i].Seq != expected)
            {
                return new AppendEventsResult.Conflict(Problems.Create(409, "Sequence conflict",
                    $"Events must be numbered gaplessly from expected_seq + 1; event {i} has seq {body.Events[i].Seq}, expected {expected}.",
                    [Problems.Error($"/events/{i}/seq", "sequence", $"Expected seq {expected}, got {body.Events[i].Seq}.")]));
            }
        }
        return await _writer.AppendEventsAsync(request.RunId, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The runtime-owned events of a batch as problem errors: only the runtime writes the compaction history, so
    /// a client that sends one is refused before anything is written.
    /// </summary>
    private static ProblemError[] RuntimeOwned(IReadOnlyList<RunEvent> events)
        => events.Select((evt, i) => (evt, i)).Where(e => RunSession.IsRuntimeOwned(e.evt)).Take(100)
            .Select(e => Problems.Error($"/events/{e.i}/kind", "runtimeOwned",
                $"'{e.evt.Kind}' events are written only by the runtime (a compaction writes them); request a compaction with POST /runs/{{runId}}/compactions instead."))
            .ToArray();

    /// <inheritdoc/>
    public async Task<ReadEventsResult> ReadEventsAsync(ReadEventsOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new ReadEventsResult.BadRequest(bad);
        }
        var fromSeq = request.FromSeq ?? 1;
        if (fromSeq < 1)
        {
            return new ReadEventsResult.BadRequest(Problems.BadParameter("from_seq", "minimum", "must be at least 1."));
        }
        var limit = request.Limit ?? DefaultPageSize;
        if (limit is < 1 or > MaxPageSize)
        {
            return new ReadEventsResult.BadRequest(Problems.BadParameter("limit", limit < 1 ? "minimum" : "maximum", $"must be between 1 and {MaxPageSize}."));
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new ReadEventsResult.NotFound(RunNotFound(request.RunId));
        }
        var page = await _events.ReadAsync(request.RunId, fromSeq, (int)limit, cancellationToken).ConfigureAwait(false);
        var lastSeq = await _events.GetLastSeqAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        long? next = page.Count > 0 && page[^1].Seq < lastSeq ? page[^1].Seq + 1 : null;
        return new ReadEventsResult.Ok(new EventPage { Events = page.Select(e => e.Event).ToArray(), NextSeq = next });
    }

    /// <inheritdoc/>
    public async Task<GetSnapshotHistoryResult> GetSnapshotHistoryAsync(GetSnapshotHistoryOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetSnapshotHistoryResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new GetSnapshotHistoryResult.NotFound(RunNotFound(request.RunId));
        }
        var history = await _store.Snapshots.GetHistoryAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        return new GetSnapshotHistoryResult.Ok(new SnapshotHistory
        {
            Snapshots = history.Select(s => new SnapshotSummary
            {
                SnapshotId = s.SnapshotId,
                CreatedAt = s.CreatedAt,
                CoveredSeq = new SeqRange { First = s.FirstSeq, Last = s.LastSeq },
            }).ToArray(),
        });
    }

    /// <inheritdoc/>
    public async Task<GetLatestSnapshotResult> GetLatestSnapshotAsync(GetLatestSnapshotOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetLatestSnapshotResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new GetLatestSnapshotResult.NotFound(RunNotFound(request.RunId));
        }
        var latest = await _store.Snapshots.GetLatestAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        return latest is null
            ? new GetLatestSnapshotResult.NotFound(Problems.NotFound($"A snapshot of run '{request.RunId}'", "runId"))
            : new GetLatestSnapshotResult.Ok(StoredDocuments.ReadSnapshot(latest));
    }

    /// <inheritdoc/>
    public async Task<GetSnapshotResult> GetSnapshotAsync(GetSnapshotOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetSnapshotResult.BadRequest(bad);
        }
        var snapshot = await _store.Snapshots.GetAsync(request.RunId, request.SnapshotId, cancellationToken).ConfigureAwait(false);
        return snapshot is null
            ? new GetSnapshotResult.NotFound(Problems.NotFound($"Snapshot '{request.SnapshotId}' of run '{request.RunId}'", "snapshotId"))
            : new GetSnapshotResult.Ok(StoredDocuments.ReadSnapshot(snapshot));
    }

    /// <inheritdoc/>
    public async Task<RegisterArtifactResult> RegisterArtifactAsync(RegisterArtifactOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new RegisterArtifactResult.BadRequest(bad);
        }
        var record = request.Body;
        if (record.RunId != request.RunId)
        {
            var message = $"run_id '{record.RunId}' does not match the run '{request.RunId}' in the path.";
            return new RegisterArtifactResult.UnprocessableEntity(Problems.Create(422, "Artifact does not belong to the run", message,
                [Problems.Error("/run_id", "const", message)]));
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new RegisterArtifactResult.NotFound(RunNotFound(request.RunId));
        }
        var metadataJson = JsonSerializer.SerializeToUtf8Bytes(record.Metadata);
        if (UnstorableMetadata(record.Metadata, metadataJson.Length) is { } unstorable)
        {
            return new RegisterArtifactResult.UnprocessableEntity(unstorable);
        }
        var metadata = new ArtifactMetadata(record.ArtifactId, record.RunId, record.StepId, record.Path, record.Hash, record.MimeType,
            record.SizeBytes, record.CreatedAt, metadataJson);
        try
        {
            await _store.Artifacts.RegisterAsync(metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException refused)
        {
            // The stores' own argument checks (the same on both backends); the checks above should have caught it first.
            return new RegisterArtifactResult.UnprocessableEntity(Problems.Create(422, "Artifact refused by the store", refused.Message,
                [Problems.Error("", "store", refused.Message)]));
        }
        catch (ArtifactAlreadyRegisteredException exists)
        {
            return new RegisterArtifactResult.Conflict(Problems.Create(409, "Artifact exists", exists.Message,
                [Problems.Error("/artifact_id", "unique", exists.Message)]));
        }
        return new RegisterArtifactResult.Created(record);
    }

    /// <inheritdoc/>
    public async Task<GetArtifactResult> GetArtifactAsync(GetArtifactOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetArtifactResult.BadRequest(bad);
        }
        var artifact = await FindArtifactAsync(request.RunId, request.ArtifactId, cancellationToken).ConfigureAwait(false);
        return artifact is null
            ? new GetArtifactResult.NotFound(ArtifactNotFound(request.RunId, request.ArtifactId))
            : new GetArtifactResult.Ok(ToRecord(artifact));
    }

    /// <summary>The contract's <c>artifact_record</c> of a stored row.</summary>
    private static ArtifactRecord ToRecord(ArtifactMetadata artifact)
    {
        using var metadata = JsonDocument.Parse(artifact.Metadata);
        return new ArtifactRecord
        {
            ArtifactId = artifact.ArtifactId,
            RunId = artifact.RunId,
            StepId = artifact.StepId,
            Path = artifact.Path,
            Hash = artifact.Hash,
            MimeType = artifact.MimeType,
            SizeBytes = artifact.SizeBytes,
            CreatedAt = artifact.CreatedAt,
            Metadata = metadata.RootElement.Clone(),
        };
    }

    /// <inheritdoc/>
    public async Task<CreateHandoffResult> CreateHandoffAsync(CreateHandoffOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new CreateHandoffResult.BadRequest(bad);
        }
        var handoff = request.Body;
        if (handoff.RunId != request.RunId)
        {
            var message = $"run_id '{handoff.RunId}' does not match the run '{request.RunId}' in the path.";
            return new CreateHandoffResult.UnprocessableEntity(Problems.Create(422, "Handoff does not belong to the run", message,
                [Problems.Error("/run_id", "const", message)]));
        }
        if (HandoffRules.UnlinkedRecommendation(handoff) is { } unlinked)
        {
            return new CreateHandoffResult.UnprocessableEntity(unlinked);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new CreateHandoffResult.NotFound(RunNotFound(request.RunId));
        }
        if (HandoffRules.Stale(handoff, _time.GetUtcNow(), _settings.HandoffTtlHours) is { } stale)
        {
            return new CreateHandoffResult.Conflict(stale);
        }
        var json = JsonSerializer.SerializeToUtf8Bytes<Packet>(handoff, OutputSchemaJson.Options);
        if (!await _documents.TryCreateAsync($"runs/{request.RunId}/handoffs/{handoff.PacketId:N}.json", json, cancellationToken).ConfigureAwait(false))
        {
            return new CreateHandoffResult.Conflict(Problems.Create(409, "Handoff exists", $"Handoff '{handoff.PacketId}' already exists.",
                [Problems.Error("/packet_id", "unique", $"Handoff '{handoff.PacketId}' already exists.")]));
        }
        // Mode 2 of the handoff protocol: the handoff is routed, not only recorded — the receiving role acknowledges
        // it at /packets/{packetId}/ack under the same TTL and ACK rules as a submitted packet (submitting it too stays allowed).
        await _documents.TryCreateAsync(RoutedPath(handoff.PacketId), json, cancellationToken).ConfigureAwait(false);
        return new CreateHandoffResult.Created(handoff);
    }

    /// <inheritdoc/>
    public async Task<ListHandoffsResult> ListHandoffsAsync(ListHandoffsOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new ListHandoffsResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new ListHandoffsResult.NotFound(RunNotFound(request.RunId));
        }
        var documents = await _documents.ReadAllAsync($"runs/{request.RunId}/handoffs", cancellationToken).ConfigureAwait(false);
        var handoffs = documents.Select(d => (HandoffPacket)Deserialize<Packet>(d))
            .OrderBy(h => h.CreatedAt).ThenBy(h => h.PacketId).ToArray();
        return new ListHandoffsResult.Ok(new HandoffList { Handoffs = handoffs });
    }

    /// <inheritdoc/>
    public async Task<SubmitPacketResult> SubmitPacketAsync(SubmitPacketOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var packet = request.Body;
        if (packet is HandoffPacket handoff && HandoffRules.UnlinkedRecommendation(handoff) is { } unlinked)
        {
            return new SubmitPacketResult.UnprocessableEntity(unlinked);
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(packet, OutputSchemaJson.Options);
        if (!await _documents.TryCreateAsync(PacketPath(packet.PacketId), json, cancellationToken).ConfigureAwait(false))
        {
            return new SubmitPacketResult.Conflict(Problems.Create(409, "Packet exists", $"Packet '{packet.PacketId}' was already submitted.",
                [Problems.Error("/packet_id", "unique", $"Packet '{packet.PacketId}' was already submitted.")]));
        }
        var expiresAt = HandoffRules.ExpiresAt(packet, _settings.HandoffTtlHours);
        return new SubmitPacketResult.Accepted(new PacketReceipt
        {
            PacketId = packet.PacketId,
            Status = PacketTtl.IsStale(packet.CreatedAt, packet.TtlHours ?? _settings.HandoffTtlHours, _time.GetUtcNow()) ? PacketStatus.StaleBlocked : PacketStatus.Active,
            ExpiresAt = expiresAt,
        });
    }

    /// <inheritdoc/>
    public async Task<AcknowledgePacketResult> AcknowledgePacketAsync(AcknowledgePacketOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = await _documents.ReadAsync(PacketPath(request.PacketId), cancellationToken).ConfigureAwait(false)
            ?? await _documents.ReadAsync(RoutedPath(request.PacketId), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new AcknowledgePacketResult.NotFound(Problems.NotFound($"Packet '{request.PacketId}'", "packetId"));
        }
        var existing = await _documents.ReadAsync(AckPath(request.PacketId), cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new AcknowledgePacketResult.Ok(Deserialize<PacketAcknowledgement>(existing));
        }
        var packet = Deserialize<Packet>(stored);
        var now = _time.GetUtcNow();
        if (HandoffRules.Stale(packet, now, _settings.HandoffTtlHours) is { } stale)
        {
            return new AcknowledgePacketResult.Conflict(stale);
        }
        var acknowledgement = new PacketAcknowledgement
        {
            PacketId = packet.PacketId,
            AcknowledgedAt = now,
            Message = PacketAck.RuntimeRecord(packet.PacketId.ToString("D")),
        };
        if (!await _documents.TryCreateAsync(AckPath(packet.PacketId), JsonSerializer.SerializeToUtf8Bytes(acknowledgement, OutputSchemaJson.Options), cancellationToken).ConfigureAwait(false))
        {
            var first = await _documents.ReadAsync(AckPath(packet.PacketId), cancellationToken).ConfigureAwait(false);
            return new AcknowledgePacketResult.Ok(Deserialize<PacketAcknowledgement>(first!));
        }
        return new AcknowledgePacketResult.Ok(acknowledgement);
    }

    /// <summary>
    /// Metadata the store cannot keep, as a 422: over the inline cap (metadata is a row, not an object; large data
    /// is an artifact's content), or holding U+0000, which PostgreSQL's jsonb refuses (both backends refuse it).
    /// </summary>
    private ProblemDetails? UnstorableMetadata(JsonElement metadata, int bytes)
    {
        if (bytes > _settings.InlineCapBytes)
        {
            var message = $"metadata is {bytes} bytes, over the {_settings.InlineCapBytes}-byte inline cap; store large data as the artifact's content.";
            return Problems.Create(422, "Artifact metadata too large", message, [Problems.Error("/metadata", "maxInlineBytes", message)]);
        }
        if (ArtifactMetadataRules.FindNul(metadata) is { } nul)
        {
            var message = "The character U+0000 cannot be stored in artifact metadata (PostgreSQL's jsonb refuses it; the embedded store does too).";
            return Problems.Create(422, "Artifact metadata not storable", message, [Problems.Error("/metadata" + nul, "nul", message)]);
        }
        return null;
    }

    private static string RunPath(string runId) => $"runs/{runId}/run.json";

    private static string PacketPath(Guid packetId) => $"packets/{packetId:N}.json";

    /// <summary>A handoff created in a run, waiting for its receiver's acknowledgement.</summary>
    private static string RoutedPath(Guid packetId) => $"packets/{packetId:N}.routed.json";

    private static string AckPath(Guid packetId) => $"packets/{packetId:N}.ack.json";

    private static ProblemDetails? BadRunId(string runId)
        => RunIdPattern().IsMatch(runId) ? null : Problems.BadParameter("runId", "pattern", "must match ^[a-z0-9][a-z0-9_-]{0,63}$.");

    private static ProblemDetails RunNotFound(string runId) => Problems.NotFound($"Run '{runId}'", "runId");

    private async Task<bool> RunExistsAsync(string runId, CancellationToken cancellationToken)
        => await _documents.ReadAsync(RunPath(runId), cancellationToken).ConfigureAwait(false) is not null;

    private async Task<Run?> LoadRunAsync(string runId, CancellationToken cancellationToken)
    {
        var stored = await _documents.ReadAsync(RunPath(runId), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }
        var run = Deserialize<Run>(stored);
        var lastSeq = await _events.GetLastSeqAsync(runId, cancellationToken).ConfigureAwait(false);
        var latest = await _store.Snapshots.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false);
        return run with { LastSeq = lastSeq, LatestSnapshotId = latest?.SnapshotId };
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize<T>(json, OutputSchemaJson.Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
