using System;
using System.Reflection;
using System.Text.Json;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using AppendEventsResult = Alexandria.Contracts.Server.AppendEventsResult;

namespace Alexandria.Cluster;

/// <summary>
/// A generated result crosses the silo boundary as its HTTP status and JSON body (the contract's own serialization,
/// so nothing but the contract types needs an Orleans serializer) and is rebuilt as the same case on the front.
/// </summary>
internal static class RunWriteReplies
{
    public static RunWriteReply From(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Every generated result case carries StatusCode and a Body of its declared type (as ServerEndpoints writes it).
        var type = result.GetType();
        var status = (int)type.GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance)!.GetValue(result)!;
        var body = type.GetProperty("Body", BindingFlags.Public | BindingFlags.Instance)!;
        return new RunWriteReply(status, JsonSerializer.SerializeToUtf8Bytes(body.GetValue(result), body.PropertyType, OutputSchemaJson.Options));
    }

    public static AppendEventsResult ToAppendResult(RunWriteReply reply) => reply.Status switch
    {
        200 => new AppendEventsResult.Ok(Read<Contracts.AppendEventsResult>(reply)),
        409 => new AppendEventsResult.Conflict(Read<ProblemDetails>(reply)),
        422 => new AppendEventsResult.UnprocessableEntity(Read<ProblemDetails>(reply)),
        _ => throw Unexpected(reply),
    };

    public static CompactRunResult ToCompactResult(RunWriteReply reply) => reply.Status switch
    {
        201 => new CompactRunResult.Created(Read<CompactionSnapshot>(reply)),
        409 => new CompactRunResult.Conflict(Read<ProblemDetails>(reply)),
        422 => new CompactRunResult.UnprocessableEntity(Read<ProblemDetails>(reply)),
        _ => throw Unexpected(reply),
    };

    private static T Read<T>(RunWriteReply reply)
        => JsonSerializer.Deserialize<T>(reply.Json, OutputSchemaJson.Options) ?? throw new JsonException($"The run grain answered a null {typeof(T).Name}.");

    private static InvalidOperationException Unexpected(RunWriteReply reply)
        => new($"The run grain answered status {reply.Status}, which this operation never returns after its request checks.");
}
