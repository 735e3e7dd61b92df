using System;
using System.Text.Json;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// One artifact row as a record of the run's artifact segment: a JSON object with the DOMAIN §3
/// column names (created_at as UTC ticks, so the value round-trips exactly).
/// </summary>
internal static class ArtifactRecord
{
    public static byte[] Encode(ArtifactMetadata artifact) => Json.PooledJsonWriter.ToArray(artifact, static (writer, artifact) => Write(writer, artifact));

    /// <summary>Appends the row of <paramref name="artifact"/> to <paramref name="log"/> from where it was encoded (no copy of its own).</summary>
    public static RecordLocation Append(SegmentLog log, ArtifactMetadata artifact) => Json.PooledJsonWriter.Use(
        (Log: log, Artifact: artifact),
        static (writer, state) => Write(writer, state.Artifact),
        static (record, state) => state.Log.Append(record));

    private static void Write(Utf8JsonWriter writer, ArtifactMetadata artifact)
    {
        writer.WriteStartObject();
        writer.WriteString("artifact_id", artifact.ArtifactId);
        writer.WriteString("run_id", artifact.RunId);
        writer.WriteNumber("step_id", artifact.StepId);
        writer.WriteString("path", artifact.Path);
        writer.WriteString("hash", artifact.Hash);
        writer.WriteString("mime_type", artifact.MimeType);
        writer.WriteNumber("size_bytes", artifact.SizeBytes);
        writer.WriteNumber("created_at_ticks", StorageTime.Normalize(artifact.CreatedAt).UtcTicks);
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(artifact.Metadata.Span, skipInputValidation: false);
        writer.WriteEndObject();
    }

    public static ArtifactMetadata Decode(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            return new ArtifactMetadata(
                root.GetProperty("artifact_id").GetGuid(),
                root.GetProperty("run_id").GetString()!,
                root.GetProperty("step_id").GetInt64(),
                root.GetProperty("path").GetString()!,
                root.GetProperty("hash").GetString()!,
                root.GetProperty("mime_type").GetString()!,
                root.GetProperty("size_bytes").GetInt64(),
                StorageTime.FromUtcTicks(root.GetProperty("created_at_ticks").GetInt64()),
                System.Text.Encoding.UTF8.GetBytes(root.GetProperty("metadata").GetRawText()));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or System.Collections.Generic.KeyNotFoundException)
        {
            throw new StorageCorruptedException("An artifact record is malformed.", ex);
        }
    }
}
