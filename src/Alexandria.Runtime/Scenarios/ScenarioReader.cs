using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Scenarios;

/// <summary>
/// Reads a scenario file (format: <c>docs/scenarios.md</c>). Every problem is reported with the JSON
/// pointer of the value at fault, so a scenario author can find it.
/// </summary>
public static class ScenarioReader
{
    /// <summary>The only format version this reader understands.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads the scenario in <paramref name="path"/>.</summary>
    public static async Task<Scenario> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes);
    }

    /// <summary>Parses a scenario from its UTF-8 JSON.</summary>
    public static Scenario Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException("", "not valid JSON: " + e.Message);
        }

        using (document)
        {
            var root = Object(document.RootElement, "");
            var version = Integer(Required(root, "scenario_version", ""), "/scenario_version");
            if (version != FormatVersion)
            {
                throw new ScenarioFormatException("/scenario_version", $"version {version} is not supported; this reader reads version {FormatVersion}.");
            }

            var name = String(Required(root, "name", ""), "/name");
            var objective = String(Required(root, "objective", ""), "/objective");
            var clock = root.TryGetProperty("clock", out var clockElement) ? ReadClock(clockElement, "/clock") : null;

            var tools = new List<ScenarioTool>();
            var toolNames = new HashSet<string>(StringComparer.Ordinal);
            var toolsElement = Array(Required(root, "tools", ""), "/tools");
            for (var i = 0; i < toolsElement.GetArrayLength(); i++)
            {
                var pointer = "/tools/" + Index(i);
                var tool = Object(toolsElement[i], pointer);
                var toolName = String(Required(tool, "name", pointer), pointer + "/name");
                if (!toolNames.Add(toolName))
                {
                    throw new ScenarioFormatException(pointer + "/name", $"tool '{toolName}' is declared twice.");
                }

                tools.Add(new ScenarioTool(toolName, OptionalString(tool, "description", pointer) ?? ""));
            }

            var steps = new List<ScenarioStep>();
            var stepsElement = Array(Required(root, "steps", ""), "/steps");
            if (stepsElement.GetArrayLength() == 0)
            {
                throw new ScenarioFormatException("/steps", "a scenario needs at least one step.");
            }

            if (stepsElement.GetArrayLength() > 100)
            {
                throw new ScenarioFormatException("/steps", "a plan holds at most 100 steps (contract plan_payload.steps).");
            }

            for (var i = 0; i < stepsElement.GetArrayLength(); i++)
            {
                steps.Add(ReadStep(stepsElement[i], "/steps/" + Index(i), i, toolNames));
            }

            return new Scenario(name, objective, clock, tools, steps);
        }
    }

    private static ScenarioStep ReadStep(JsonElement element, string pointer, int index, HashSet<string> tools)
    {
        var step = Object(element, pointer);
        var stepId = step.TryGetProperty("step_id", out var id) ? Integer(id, pointer + "/step_id") : index;
        var description = String(Required(step, "description", pointer), pointer + "/description");
        var counted = !step.TryGetProperty("counted", out var countedElement) || Boolean(countedElement, pointer + "/counted");
        var chosenOverride = OptionalString(step, "chosen_override", pointer);

        var actPointer = pointer + "/act";
        var act = Object(Required(step, "act", pointer), actPointer);
        var tool = String(Required(act, "tool", actPointer), actPointer + "/tool");
        if (!tools.Contains(tool))
        {
            throw new ScenarioFormatException(actPointer + "/tool", $"tool '{tool}' is not declared in /tools.");
        }

        var arguments = act.TryGetProperty("arguments", out var args) ? Object(args, actPointer + "/arguments").Clone() : EmptyObject();

        var result = ReadResult(Required(step, "result", pointer), pointer + "/result");

        var verbose = new List<ScenarioVerboseEvent>();
        if (step.TryGetProperty("verbose", out var verboseElement))
        {
            Array(verboseElement, pointer + "/verbose");
            for (var i = 0; i < verboseElement.GetArrayLength(); i++)
            {
                var itemPointer = pointer + "/verbose/" + Index(i);
                var item = Object(verboseElement[i], itemPointer);
                var kind = String(Required(item, "kind", itemPointer), itemPointer + "/kind");
                var role = OptionalString(item, "agent_role", itemPointer) ?? "executor";
                var payload = Object(Required(item, "payload", itemPointer), itemPointer + "/payload").Clone();
                verbose.Add(new ScenarioVerboseEvent(kind, role, payload));
            }
        }

        return new ScenarioStep(stepId, description, counted, chosenOverride, new ScenarioAct(tool, arguments), result, verbose);
    }

    private static ScenarioResult ReadResult(JsonElement element, string pointer)
    {
        var result = Object(element, pointer);
        var status = OptionalString(result, "status", pointer) ?? "ok";
        if (status is not ("ok" or "error" or "empty"))
        {
            throw new ScenarioFormatException(pointer + "/status", $"'{status}' is not one of ok, error, empty.");
        }

        var summary = OptionalString(result, "summary", pointer) ?? "";
        var content = result.TryGetProperty("content", out var contentElement) ? ReadContent(contentElement, pointer + "/content") : null;
        var mime = OptionalString(result, "mime_type", pointer) ?? "text/plain";

        var evidence = new List<ScenarioEvidence>();
        if (result.TryGetProperty("evidence", out var evidenceElement))
        {
            Array(evidenceElement, pointer + "/evidence");
            for (var i = 0; i < evidenceElement.GetArrayLength(); i++)
            {
                var itemPointer = pointer + "/evidence/" + Index(i);
                var item = Object(evidenceElement[i], itemPointer);
                var text = String(Required(item, "text", itemPointer), itemPointer + "/text");
                var start = 0;
                var end = text.Length;
                if (item.TryGetProperty("span", out var span))
                {
                    Object(span, itemPointer + "/span");
                    start = (int)Integer(Required(span, "start", itemPointer + "/span"), itemPointer + "/span/start");
                    end = (int)Integer(Required(span, "end", itemPointer + "/span"), itemPointer + "/span/end");
                }

                evidence.Add(new ScenarioEvidence(
                    String(Required(item, "evidence_id", itemPointer), itemPointer + "/evidence_id"),
                    String(Required(item, "chunk_id", itemPointer), itemPointer + "/chunk_id"),
                    text,
                    start,
                    end));
            }
        }

        JsonElement? pagination = result.TryGetProperty("pagination", out var page) ? Object(page, pointer + "/pagination").Clone() : null;
        JsonElement? guidance = result.TryGetProperty("zero_result_guidance", out var g) ? Object(g, pointer + "/zero_result_guidance").Clone() : null;
        if (status == "empty" && guidance is null)
        {
            throw new ScenarioFormatException(pointer + "/zero_result_guidance", "an empty result comes with typed guidance (DOMAIN §4).");
        }

        return new ScenarioResult(status, summary, content, mime, evidence, pagination, guidance);
    }

    private static string ReadContent(JsonElement element, string pointer)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString()!;
        }

        // {"repeat": "text", "times": n} makes a large result without a large file.
        var content = Object(element, pointer);
        var text = String(Required(content, "repeat", pointer), pointer + "/repeat");
        var times = Integer(Required(content, "times", pointer), pointer + "/times");
        if (times < 1 || times > 1_000_000)
        {
            throw new ScenarioFormatException(pointer + "/times", "times must be between 1 and 1000000.");
        }

        var builder = new StringBuilder(checked(text.Length * (int)times));
        for (var i = 0; i < times; i++)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }

    private static ScenarioClock ReadClock(JsonElement element, string pointer)
    {
        var clock = Object(element, pointer);
        var startText = String(Required(clock, "start", pointer), pointer + "/start");
        if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            throw new ScenarioFormatException(pointer + "/start", $"'{startText}' is not an RFC 3339 date-time.");
        }

        var tick = clock.TryGetProperty("tick_ms", out var tickElement) ? Integer(tickElement, pointer + "/tick_ms") : 1000;
        if (tick < 1)
        {
            throw new ScenarioFormatException(pointer + "/tick_ms", "tick_ms must be at least 1.");
        }

        return new ScenarioClock(start, TimeSpan.FromMilliseconds(tick));
    }

    private static JsonElement Required(JsonElement obj, string name, string pointer)
        => obj.TryGetProperty(name, out var value) ? value : throw new ScenarioFormatException(pointer, $"'{name}' is required.");

    private static JsonElement Object(JsonElement element, string pointer)
        => element.ValueKind == JsonValueKind.Object ? element : throw new ScenarioFormatException(pointer, "expected an object.");

    private static JsonElement Array(JsonElement element, string pointer)
        => element.ValueKind == JsonValueKind.Array ? element : throw new ScenarioFormatException(pointer, "expected an array.");

    private static string String(JsonElement element, string pointer)
        => element.ValueKind == JsonValueKind.String && element.GetString()!.Length > 0
            ? element.GetString()!
            : throw new ScenarioFormatException(pointer, "expected a non-empty string.");

    private static string? OptionalString(JsonElement obj, string name, string pointer)
        => obj.TryGetProperty(name, out var value) ? String(value, pointer + "/" + name) : null;

    private static long Integer(JsonElement element, string pointer)
        => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= 0
            ? value
            : throw new ScenarioFormatException(pointer, "expected a non-negative integer.");

    private static bool Boolean(JsonElement element, string pointer)
        => element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ScenarioFormatException(pointer, "expected true or false."),
        };

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
