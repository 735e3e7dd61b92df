using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Agents.Models;

/// <summary>Reads and writes <see cref="ModelScript"/> files (format: docs/agents.md).</summary>
public static class ModelScriptFile
{
    /// <summary>Reads the script at <paramref name="path"/>.</summary>
    /// <exception cref="ModelScriptFormatException">The file is not a model script; the message names the pointer.</exception>
    public static async Task<ModelScript> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path);
    }

    /// <summary>Parses script bytes; <paramref name="path"/> only labels errors.</summary>
    public static ModelScript Parse(ReadOnlySpan<byte> utf8, string path = "(script)")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ModelScriptFormatException(path, "", $"not JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            Require(root, JsonValueKind.Object, path, "");
            var format = OptionalString(root, "format", path, "");
            if (format != ModelScript.FormatName)
            {
                throw new ModelScriptFormatException(path, "/format", $"must be \"{ModelScript.FormatName}\".");
            }

            DateTimeOffset? start = null;
            var tick = TimeSpan.FromSeconds(1);
            if (root.TryGetProperty("clock", out var clock))
            {
                Require(clock, JsonValueKind.Object, path, "/clock");
                var startText = OptionalString(clock, "start", path, "/clock") ?? throw new ModelScriptFormatException(path, "/clock/start", "is required.");
                if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw new ModelScriptFormatException(path, "/clock/start", "must be an ISO 8601 date-time.");
                }

                start = parsed.ToUniversalTime();
                tick = TimeSpan.FromMilliseconds(OptionalLong(clock, "tick_ms", path, "/clock") ?? 1000);
                if (tick <= TimeSpan.Zero)
                {
                    throw new ModelScriptFormatException(path, "/clock/tick_ms", "must be positive.");
                }
            }

            if (!root.TryGetProperty("turns", out var turnsElement))
            {
                throw new ModelScriptFormatException(path, "/turns", "is required.");
            }

            Require(turnsElement, JsonValueKind.Array, path, "/turns");
            var turns = new List<ScriptedTurn>();
            var index = 0;
            foreach (var turn in turnsElement.EnumerateArray())
            {
                turns.Add(ParseTurn(turn, path, "/turns/" + index.ToString(CultureInfo.InvariantCulture)));
                index++;
            }

            return new ModelScript(OptionalString(root, "objective", path, ""), start, tick, turns);
        }
    }

    /// <summary>Writes <paramref name="script"/> to <paramref name="path"/> (indented, stable member order).</summary>
    public static async Task WriteAsync(string path, ModelScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllBytesAsync(path, ToBytes(script), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file bytes of <paramref name="script"/>.</summary>
    public static byte[] ToBytes(ModelScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", ModelScript.FormatName);
            if (script.Objective is not null)
            {
                writer.WriteString("objective", script.Objective);
            }

            if (script.ClockStart is { } start)
            {
                writer.WriteStartObject("clock");
                writer.WriteString("start", start.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                writer.WriteNumber("tick_ms", (long)script.ClockTick.TotalMilliseconds);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("turns");
            foreach (var turn in script.Turns)
            {
                WriteTurn(writer, turn);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ScriptedTurn ParseTurn(JsonElement turn, string path, string at)
    {
        Require(turn, JsonValueKind.Object, path, at);
        var prompt = OptionalString(turn, "prompt", path, at) ?? throw new ModelScriptFormatException(path, at + "/prompt", "is required (planner, executor or repair).");
        string reply;
        if (turn.TryGetProperty("reply", out var replyText))
        {
            Require(replyText, JsonValueKind.String, path, at + "/reply");
            reply = replyText.GetString()!;
        }
        else if (turn.TryGetProperty("reply_json", out var replyJson))
        {
            // A well-formed reply written as JSON for readability; the model "sends" its compact text.
            reply = replyJson.GetRawText();
            using var compact = JsonDocument.Parse(reply);
            reply = JsonSerializer.Serialize(compact.RootElement);
        }
        else
        {
            throw new ModelScriptFormatException(path, at, "needs \"reply\" (verbatim text) or \"reply_json\" (a JSON value).");
        }

        RequestExpectation? expect = null;
        if (turn.TryGetProperty("expect", out var expectElement))
        {
            Require(expectElement, JsonValueKind.Object, path, at + "/expect");
            expect = new RequestExpectation(
                Strings(expectElement, "contains", path, at + "/expect"),
                Strings(expectElement, "excludes", path, at + "/expect"),
                OptionalString(expectElement, "request_sha256", path, at + "/expect"));
        }

        TurnUsage? usage = null;
        if (turn.TryGetProperty("usage", out var usageElement))
        {
            Require(usageElement, JsonValueKind.Object, path, at + "/usage");
            usage = new TurnUsage(
                OptionalLong(usageElement, "input_tokens", path, at + "/usage") ?? 0,
                OptionalLong(usageElement, "output_tokens", path, at + "/usage") ?? 0,
                OptionalLong(usageElement, "cached_tokens", path, at + "/usage") ?? 0);
        }

        var delay = TimeSpan.FromMilliseconds(OptionalLong(turn, "delay_ms", path, at) ?? 0);
        return new ScriptedTurn(prompt, reply, expect, usage, OptionalString(turn, "model", path, at), delay, OptionalString(turn, "note", path, at));
    }

    private static void WriteTurn(Utf8JsonWriter writer, ScriptedTurn turn)
    {
        writer.WriteStartObject();
        writer.WriteString("prompt", turn.Prompt);
        if (turn.Note is not null)
        {
            writer.WriteString("note", turn.Note);
        }

        if (turn.Expect is { } expect)
        {
            writer.WriteStartObject("expect");
            WriteStrings(writer, "contains", expect.Contains);
            WriteStrings(writer, "excludes", expect.Excludes);
            if (expect.RequestSha256 is not null)
            {
                writer.WriteString("request_sha256", expect.RequestSha256);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("reply", turn.Reply);
        if (turn.Usage is { } usage)
        {
            writer.WriteStartObject("usage");
            writer.WriteNumber("input_tokens", usage.InputTokens);
            writer.WriteNumber("output_tokens", usage.OutputTokens);
            writer.WriteNumber("cached_tokens", usage.CachedTokens);
            writer.WriteEndObject();
        }

        if (turn.Model is not null)
        {
            writer.WriteString("model", turn.Model);
        }

        if (turn.Delay > TimeSpan.Zero)
        {
            writer.WriteNumber("delay_ms", (long)turn.Delay.TotalMilliseconds);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void Require(JsonElement element, JsonValueKind kind, string path, string at)
    {
        if (element.ValueKind != kind)
        {
            throw new ModelScriptFormatException(path, at, $"must be a JSON {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private static string? OptionalString(JsonElement parent, string name, string path, string at)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        Require(value, JsonValueKind.String, path, at + "/" + name);
        return value.GetString();
    }

    private static long? OptionalLong(JsonElement parent, string name, string path, string at)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < 0)
        {
            throw new ModelScriptFormatException(path, at + "/" + name, "must be a non-negative integer.");
        }

        return number;
    }

    private static IReadOnlyList<string> Strings(JsonElement parent, string name, string path, string at)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return Array.Empty<string>();
        }

        Require(value, JsonValueKind.Array, path, at + "/" + name);
        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            Require(item, JsonValueKind.String, path, at + "/" + name + "/" + i.ToString(CultureInfo.InvariantCulture));
            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }
}
