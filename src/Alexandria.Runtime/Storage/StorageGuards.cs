using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Alexandria.Runtime.Storage;

/// <summary>Argument checks both backends apply identically before touching storage.</summary>
internal static class StorageGuards
{
    public static void EventBatch(string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedLastSeq);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        for (int i = 0; i < events.Count; i++)
        {
            EventToAppend e = events[i] ?? throw new ArgumentException($"Event {i} of the batch is null.", nameof(events));
            StorageNames.ValidateKind(e.Kind, nameof(events));
            if (e.StepId < 0)
            {
                throw new ArgumentException($"Event {i} of the batch has negative step id {e.StepId}.", nameof(events));
            }

            if (e.Json.IsEmpty)
            {
                throw new ArgumentException($"Event {i} of the batch has an empty document.", nameof(events));
            }
        }
    }

    public static void Snapshot(StoredSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StorageNames.ValidateRunId(snapshot.RunId, nameof(snapshot));
        if (snapshot.FirstSeq < 1 || snapshot.LastSeq < snapshot.FirstSeq)
        {
            throw new ArgumentException(
                $"Snapshot {snapshot.SnapshotId} covers seq {snapshot.FirstSeq}..{snapshot.LastSeq}; a range starts at 1 or later and is not reversed.",
                nameof(snapshot));
        }

        if (snapshot.SnapshotId == Guid.Empty || snapshot.ParentSnapshotId == Guid.Empty)
        {
            throw new ArgumentException("Snapshot ids must not be the empty GUID.", nameof(snapshot));
        }

        if (snapshot.Json.IsEmpty)
        {
            throw new ArgumentException($"Snapshot {snapshot.SnapshotId} has an empty document.", nameof(snapshot));
        }
    }

    public static void Artifact(ArtifactMetadata artifact, int inlineLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        StorageNames.ValidateRunId(artifact.RunId, nameof(artifact));
        StorageNames.ValidateArtifactPath(artifact.Path, nameof(artifact));
        StorageNames.ValidateSha256(artifact.Hash, nameof(artifact));
        StorageNames.ValidateMimeType(artifact.MimeType, nameof(artifact));
        if (artifact.StepId < 0 || artifact.SizeBytes < 0)
        {
            throw new ArgumentException("Artifact step id and size must not be negative.", nameof(artifact));
        }

        if (artifact.Metadata.Length > inlineLimitBytes)
        {
            throw new ArgumentException(
                $"Artifact metadata is {artifact.Metadata.Length} bytes, over the {inlineLimitBytes}-byte inline limit; store large data as an artifact, not as metadata.",
                nameof(artifact));
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(artifact.Metadata);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("Artifact metadata must be a JSON object.", nameof(artifact));
            }

            if (ArtifactMetadataRules.FindNul(document.RootElement) is { } nul)
            {
                throw new ArgumentException(
                    $"Artifact metadata holds the character U+0000 at '{nul}', which PostgreSQL's jsonb cannot store; neither store accepts it.",
                    nameof(artifact));
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Artifact metadata is not valid JSON: {ex.Message}", nameof(artifact), ex);
        }
    }
}
