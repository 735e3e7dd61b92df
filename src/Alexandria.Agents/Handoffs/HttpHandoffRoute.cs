using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Contracts;

namespace Alexandria.Agents.Handoffs;

/// <summary>
/// Mode 2 through the HTTP API: the sender posts the packet to <c>POST /runs/{runId}/handoffs</c> (the server
/// validates it with the generated validator and routes it), the receiver acknowledges it at
/// <c>POST /packets/{packetId}/ack</c>, where the server applies the protocol's TTL rule (409 BLOCKED when stale)
/// and records the ACK. The run must exist on the server (<c>POST /runs</c>).
/// </summary>
/// <param name="client">Points at the server (<see cref="HttpClient.BaseAddress"/>) and carries its API key, if any.</param>
public sealed class HttpHandoffRoute(HttpClient client) : IHandoffRoute
{
    private readonly HttpClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public async Task<string?> DeliverAsync(HandoffPacket packet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packet);
        using var body = new ByteArrayContent(AgentJson.Serialize<Packet>(packet));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var reply = await _client.PostAsync(new Uri("runs/" + Uri.EscapeDataString(packet.RunId) + "/handoffs", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        if (reply.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        var problem = await ProblemAsync(reply, cancellationToken).ConfigureAwait(false);
        return IsBlocked(reply, problem) ? problem : throw new HandoffRefusedException($"The server refused handoff packet {packet.PacketId:D} ({(int)reply.StatusCode}): {problem}");
    }

    /// <inheritdoc/>
    public async Task<HandoffReceipt> AcknowledgeAsync(HandoffPacket packet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packet);
        using var reply = await _client.PostAsync(new Uri("packets/" + packet.PacketId.ToString("D") + "/ack", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        if (reply.StatusCode == HttpStatusCode.OK)
        {
            var acknowledgement = AgentJson.Deserialize<PacketAcknowledgement>(await reply.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            return new HandoffReceipt(false, acknowledgement.Message);
        }

        var problem = await ProblemAsync(reply, cancellationToken).ConfigureAwait(false);
        return IsBlocked(reply, problem)
            ? new HandoffReceipt(true, problem)
            : throw new HandoffRefusedException($"The server did not acknowledge handoff packet {packet.PacketId:D} ({(int)reply.StatusCode}): {problem}");
    }

    private static bool IsBlocked(HttpResponseMessage reply, string problem)
        => reply.StatusCode == HttpStatusCode.Conflict && problem.StartsWith("BLOCKED", StringComparison.Ordinal);

    /// <summary>The problem's detail (RFC 7807), or the raw body when it is not a problem document.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage reply, CancellationToken cancellationToken)
    {
        var text = await reply.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()!
                : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
