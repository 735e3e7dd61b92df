namespace Alexandria.Handoff.Rules;

/// <summary>
/// The acknowledgement an agent answers when it ingests a packet (the seed's "ACK loaded context &lt;packet_id&gt;."),
/// built in one place for every mode.
/// </summary>
public static class PacketAck
{
    /// <summary>The words every acknowledgement starts with.</summary>
    public const string Prefix = "ACK loaded context ";

    /// <summary>Exactly <c>ACK loaded context &lt;packet_id&gt;.</c>: what ingestion answers and records (handoff_packets.json).</summary>
    public static string Line(string packetId) => Prefix + packetId + ".";

    /// <summary>
    /// The same acknowledgement as the runtime's contract records it (<c>output_schema.json</c>:
    /// <c>packet_acknowledgement.message</c> and <c>handoff_received_payload.ack_message</c> match
    /// <c>^ACK loaded context [0-9a-f-]{36}$</c>): the words without the closing period. Adding the period there would
    /// make every reader built against that contract refuse the new message, so it waits for a major version.
    /// </summary>
    public static string RuntimeRecord(string packetId) => Prefix + packetId;
}
