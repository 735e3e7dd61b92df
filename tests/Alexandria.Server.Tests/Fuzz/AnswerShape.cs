using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alexandria.Server.Tests.Fuzz;

/// <summary>
/// What of an answer must be the same on every backend, as one comparable string. A refusal: its problem type, title
/// and each error's JSON pointer and keyword, in order (messages are prose and may name ids). A success: the body,
/// with object members sorted (JSON does not order them; PostgreSQL's jsonb reorders them) and every value that
/// legitimately differs per server replaced by its kind: uuids (artifact, snapshot and packet ids are each server's
/// own, or each generator's <see cref="Guid.NewGuid"/>), run ids the server made up (<c>run-</c> and 16 hex digits,
/// for a createRun without one) and date-times (stamped at the request). Anything else, a non-JSON body included, is
/// compared as it is.
/// </summary>
internal static partial class AnswerShape
{
    public static string Of(int status, string body)
    {
        if (body.Length == 0)
        {
            return "";
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Normalize(body);
        }

        if (status >= 400 && node is JsonObject problem)
        {
            var errors = problem["errors"] is JsonArray list
                ? list.Select(e => $"{(string?)e?["pointer"]} {(string?)e?["keyword"]}")
                : [];
            return Normalize($"{(string?)problem["type"]} {(string?)problem["title"]} [{string.Join(", ", errors)}]");
        }

        return Canonical(node);
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(Normalize((string)value!)),
        null => "null",
        _ => node.ToJsonString(),
    };

    private static string Normalize(string text)
        => DateTimeText().Replace(GeneratedRunId().Replace(UuidText().Replace(text, "<uuid>"), "<generated run id>"), "<date-time>");

    [GeneratedRegex("^run-[0-9a-f]{16}$")]
    private static partial Regex GeneratedRunId();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidText();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex DateTimeText();
}
