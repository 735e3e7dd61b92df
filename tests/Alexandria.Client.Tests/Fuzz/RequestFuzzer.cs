using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Client.Tests.Fuzz;

/// <summary>
/// Deterministic (seeded) generator of malformed requests: valid bodies of every body-carrying operation
/// damaged one way at a time, and GET/POST operations with bad path and query parameters.
/// </summary>
public sealed class RequestFuzzer(int seed)
{
    private const int OversizedLength = 70_000;
    private const string Garbage = "{}[],:\"\\x";

    private readonly Random _random = new(seed);

    /// <summary>A valid body template for one operation, and the output_schema.json definition its body must satisfy.</summary>
    public sealed record Template(string Operation, string Path, string Definition, JsonObject Body);

    public IEnumerable<FuzzRequest> Generate(IReadOnlyList<Template> templates, string runId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var template = templates[_random.Next(templates.Count)];
            yield return (_random.Next(12)) switch
            {
                0 or 1 => Malformed(template),
                2 or 3 => WrongType(template),
                4 or 5 => UnknownField(template),
                6 or 7 => MissingField(template) ?? WrongType(template),
                8 => Oversized(template) ?? WrongType(template),
                _ => BadParameter(runId),
            };
        }
    }

    private FuzzRequest Malformed(Template template)
    {
        // A damaged byte can land where the document stays valid JSON (inside a string): draw again.
        var body = Damage(template);
        while (IsWellFormed(body))
        {
            body = Damage(template);
        }
        return new FuzzRequest(template.Operation, Breakage.MalformedJson, "", null, template.Definition, HttpMethod.Post, template.Path, body);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static bool IsWellFormed(byte[] body)
    {
        try
        {
            StrictUtf8.GetCharCount(body);
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    private byte[] Damage(Template template)
    {
        var valid = Encoding.UTF8.GetBytes(template.Body.ToJsonString());
        return _random.Next(6) switch
        {
            0 => valid[..Math.Max(1, _random.Next(valid.Length - 1))],
            1 => Replace(valid, _random.Next(valid.Length), (byte)Garbage[_random.Next(Garbage.Length)]),
            2 => Replace(valid, _random.Next(valid.Length), 0xC3),
            3 => [],
            4 => Encoding.UTF8.GetBytes(new string('[', 100_000)),
            _ => Encoding.UTF8.GetBytes(template.Body.ToJsonString()[..^1] + ",}"),
        };
    }

    private FuzzRequest WrongType(Template template)
    {
        var body = template.Body.DeepClone().AsObject();
        var (pointer, node) = Pick(Leaves(body, ""));
        JsonNode? replacement = node?.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => _random.Next(2) == 0 ? JsonValue.Create(12345) : new JsonArray(),
            System.Text.Json.JsonValueKind.Number => JsonValue.Create("not a number"),
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("yes"),
            System.Text.Json.JsonValueKind.Array => new JsonObject { ["not"] = "an array" },
            System.Text.Json.JsonValueKind.Object => JsonValue.Create(false),
            _ => JsonValue.Create(3.5),
        };
        Set(body, pointer, replacement);
        return Damaged(template, Breakage.WrongType, pointer, null, body);
    }

    private FuzzRequest UnknownField(Template template)
    {
        var body = template.Body.DeepClone().AsObject();
        var (pointer, target) = Pick(Objects(body, ""));
        var name = "x_fuzz_" + _random.Next(1000);
        target[name] = _random.Next(2) == 0 ? "surprise" : new JsonObject { ["nested"] = 1 };
        return Damaged(template, Breakage.UnknownField, pointer + "/" + name, null, body);
    }

    private FuzzRequest? MissingField(Template template)
    {
        var body = template.Body.DeepClone().AsObject();
        var candidates = Objects(body, "").Where(o => o.Node.Count > 0).ToList();
        var (pointer, target) = Pick(candidates);
        var name = target.Select(p => p.Key).ElementAt(_random.Next(target.Count));
        target.Remove(name);
        // Not every property is required: the server may accept the body. Damaged() records what is missing.
        return Damaged(template, Breakage.MissingField, pointer, name, body);
    }

    private FuzzRequest? Oversized(Template template)
    {
        var body = template.Body.DeepClone().AsObject();
        var strings = Leaves(body, "").Where(l => l.Node?.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        if (strings.Count == 0)
        {
            return null;
        }
        var (pointer, _) = Pick(strings);
        Set(body, pointer, JsonValue.Create(new string('z', OversizedLength)));
        return Damaged(template, Breakage.OversizedValue, pointer, null, body);
    }

    private FuzzRequest BadParameter(string runId)
    {
        var badRunIds = new[] { "UPPER", "-leading-dash", "has space", new string('a', 65), "semi;colon", "under_score!", "caf\u00e9" };
        var badUuids = new[] { "42", "not-a-uuid", "00000000-0000-0000-0000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" };
        var badNumbers = new[] { "0", "-1", "abc", "1.5", "99999999999999999999", "1001" };
        string Pick(string[] values) => values[_random.Next(values.Length)];
        return _random.Next(5) switch
        {
            0 => new FuzzRequest("getRun", Breakage.BadParameter, "/runId", null, null, HttpMethod.Get, "runs/" + Uri.EscapeDataString(Pick(badRunIds)), null),
            1 => new FuzzRequest("readEvents", Breakage.BadParameter, "/limit", null, null, HttpMethod.Get, $"runs/{runId}/events?limit={Uri.EscapeDataString(Pick(badNumbers))}", null),
            2 => new FuzzRequest("readEvents", Breakage.BadParameter, "/from_seq", null, null, HttpMethod.Get, $"runs/{runId}/events?from_seq={Uri.EscapeDataString(Pick(["0", "-5", "x", "2.5"]))}", null),
            3 => new FuzzRequest("getSnapshot", Breakage.BadParameter, "/snapshotId", null, null, HttpMethod.Get, $"runs/{runId}/snapshots/{Pick(badUuids)}", null),
            _ => new FuzzRequest("acknowledgePacket", Breakage.BadParameter, "/packetId", null, null, HttpMethod.Post, $"packets/{Pick(badUuids)}/ack", null),
        };
    }

    private static FuzzRequest Damaged(Template template, Breakage breakage, string pointer, string? detail, JsonObject body)
        => new(template.Operation, breakage, pointer, detail, template.Definition, HttpMethod.Post, template.Path, Encoding.UTF8.GetBytes(body.ToJsonString()));

    private (string Pointer, T Node) Pick<T>(IReadOnlyList<(string Pointer, T Node)> candidates) => candidates[_random.Next(candidates.Count)];

    private static byte[] Replace(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    private static List<(string Pointer, JsonNode? Node)> Leaves(JsonNode node, string pointer)
    {
        var leaves = new List<(string, JsonNode?)>();
        foreach (var (childPointer, child) in Children(node, pointer))
        {
            leaves.Add((childPointer, child));
            if (child is JsonObject or JsonArray)
            {
                leaves.AddRange(Leaves(child, childPointer));
            }
        }
        return leaves;
    }

    private static List<(string Pointer, JsonObject Node)> Objects(JsonNode node, string pointer)
    {
        var objects = new List<(string, JsonObject)>();
        if (node is JsonObject self)
        {
            objects.Add((pointer, self));
        }
        foreach (var (childPointer, child) in Children(node, pointer))
        {
            if (child is not null)
            {
                objects.AddRange(Objects(child, childPointer));
            }
        }
        return objects;
    }

    private static IEnumerable<(string Pointer, JsonNode? Node)> Children(JsonNode node, string pointer) => node switch
    {
        JsonObject obj => obj.Select(p => (pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), p.Value)).ToList(),
        JsonArray array => array.Select((item, i) => (pointer + "/" + i, item)).ToList(),
        _ => [],
    };

    private static void Set(JsonObject root, string pointer, JsonNode? value)
    {
        var parts = pointer.Split('/').Skip(1).Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        }
        if (parent is JsonArray array)
        {
            array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }
}
