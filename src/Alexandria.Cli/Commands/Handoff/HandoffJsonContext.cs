using System.Collections.Generic;
using System.Text.Json.Serialization;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Sessions;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>The JSON documents the handoff commands print with <c>--output json</c> (packets use their generated converters).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<Packet>))]
[JsonSerializable(typeof(SessionHandoff))]
[JsonSerializable(typeof(CouncilReport))]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(WorkstreamReport))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;

/// <summary><c>handoff council check --output json</c>: whether a council is needed, the COUNCIL packet written (if any) and the triggers.</summary>
internal sealed record CouncilReport(bool CouncilRequired, string? PacketId, string Base, string Head, IReadOnlyList<CouncilTrigger> Triggers);

/// <summary><c>handoff verify --output json</c>.</summary>
internal sealed record VerifyReport(string Target, bool Verified, IReadOnlyList<string> Problems);

/// <summary><c>handoff workstream resolve --output json</c>: only what a human may see (no internal ids).</summary>
internal sealed record WorkstreamReport(string Resolution, string? Workstream, double Score, IReadOnlyList<string> Candidates, string Message);
