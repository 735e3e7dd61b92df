namespace Alexandria.Handoff.Storage;

/// <summary>How an ingestion ended: acknowledged (with the exact ACK line), blocked as stale, or refused.</summary>
public enum IngestionOutcome
{
    Acknowledged,
    Blocked,
    Refused,
}

/// <summary>The outcome and what to tell the human (the ACK line, or why not).</summary>
public sealed record IngestionResult(IngestionOutcome Outcome, string Message, string? PacketId = null);
