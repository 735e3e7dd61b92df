using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.Differential.Tests;

/// <summary>One generated instance: the definition it is checked against, its text, and how it was made.</summary>
public sealed record GeneratedInstance(string Definition, string Json, string Origin);

/// <summary>
/// Builds instances deterministically (fixed seed) from <c>contracts/examples</c> and mutations of them:
/// drop a property, add an unknown one, change a type, violate a bound, break a pattern/enum/format, set null.
/// </summary>
public static class InstanceGenerator
{
    public const int Seed = 20261123;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alexandria.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Alexandria.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<(string Definition, string File, JsonNode Node)> Examples()
    {
        var examples = Path.Combine(RepoRoot(), "contracts", "examples");
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(examples, "index.json")))!.AsArray();
        var result = new List<(string, string, JsonNode)>();
        foreach (var entry in index)
        {
            var file = (string)entry!["file"]!;
            var def = (string)entry["def"]!;
            var path = Path.Combine(examples, file);
            if (File.Exists(path))
            {
                result.Add((def, file, JsonNode.Parse(File.ReadAllText(path))!));
            }
        }

        return result;
    }

    public static List<GeneratedInstance> Generate(int count)
    {
        var random = new Random(Seed);
        var bases = Examples();
        var list = new List<GeneratedInstance>(count + bases.Count);
        foreach (var (def, file, node) in bases)
        {
            list.Add(new GeneratedInstance(def, node.ToJsonString(), file));
        }

        for (var i = 0; list.Count < count; i++)
        {
            var (def, file, node) = bases[i % bases.Count];
            var copy = node.DeepClone();
            var mutations = random.Next(10) switch { 0 => 2, 1 => 3, _ => 1 };
            var origin = file;
            for (var m = 0; m < mutations; m++)
            {
                var (mutated, what) = Mutate(copy, random);
                copy = mutated;
                origin += " | " + what;
            }

            list.Add(new GeneratedInstance(def, copy.ToJsonString(), origin));
        }

        return list;
    }

    /// <summary>Applies one random mutation at a random location; returns the (possibly new) root.</summary>
    private static (JsonNode Root, string What) Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var path = target.GetPath();
        JsonNode? replacement;
        string what;
        switch (target)
        {
            case JsonObject obj:
                switch (random.Next(5))
                {
                    case 0 when obj.Count > 0:
                        var name = obj.ElementAt(random.Next(obj.Count)).Key;
                        obj.Remove(name);
                        return (root, $"drop {path}.{name}");
                    case 1:
                        obj["x_unknown_" + random.Next(100)] = random.Next(2) == 0 ? JsonValue.Create("extra") : JsonValue.Create(7);
                        return (root, $"add unknown property at {path}");
                    case 2:
                        replacement = new JsonArray();
                        what = "object→array";
                        break;
                    case 3:
                        replacement = JsonValue.Create("object");
                        what = "object→string";
                        break;
                    default:
                        replacement = null;
                        what = "object→null";
                        break;
                }

                break;
            case JsonArray array:
                switch (random.Next(5))
                {
                    case 0:
                        array.Clear();
                        return (root, $"empty array {path}");
                    case 1 when array.Count > 0:
                        array.Add(array[0]!.DeepClone());
                        return (root, $"duplicate first item {path}");
                    case 2 when array.Count > 0:
                        var count = random.Next(2) == 0 ? 101 : 501;
                        var first = array[0]!;
                        while (array.Count < count)
                        {
                            array.Add(first.DeepClone());
                        }

                        return (root, $"grow array {path} to {count}");
                    case 3:
                        replacement = new JsonObject();
                        what = "array→object";
                        break;
                    default:
                        replacement = random.Next(2) == 0 ? null : JsonValue.Create(3);
                        what = "array→scalar/null";
                        break;
                }

                break;
            default:
                var value = target.AsValue();
                var kind = value.GetValueKind();
                (replacement, what) = kind switch
                {
                    JsonValueKind.String => MutateString(value.ToJsonString().Trim('"'), random),
                    JsonValueKind.Number => MutateNumber(value.ToJsonString(), random),
                    JsonValueKind.True or JsonValueKind.False => random.Next(2) == 0 ? (JsonValue.Create("true"), "bool→string") : ((JsonNode?)null, "bool→null"),
                    _ => random.Next(2) == 0 ? (JsonValue.Create("x"), "null→string") : (JsonValue.Create(0), "null→number"),
                };
                break;
        }

        return (Replace(root, target, replacement), $"{what} at {path}");
    }

    private static (JsonNode?, string) MutateString(string s, Random random) => random.Next(10) switch
    {
        0 => (JsonValue.Create(42), "string→number"),
        1 => (null, "string→null"),
        2 => (JsonValue.Create(""), "empty string"),
        3 => (JsonValue.Create(new string('a', random.Next(2) == 0 ? 129 : 4001)), "long string"),
        4 => (JsonValue.Create(new string('z', 20000)), "very long string"),
        5 => (JsonValue.Create(s.ToUpperInvariant() + "!"), "uppercase + '!' (pattern/enum)"),
        6 => (JsonValue.Create("not-a-uuid"), "not a uuid/date"),
        7 => (JsonValue.Create("2026-13-45T25:61:00Z"), "bad date-time"),
        8 => (JsonValue.Create(s.Length > 1 ? s[..^1] : "q"), "truncate string"),
        _ => (JsonValue.Create(s + " "), "trailing space"),
    };

    private static (JsonNode?, string) MutateNumber(string raw, Random random) => random.Next(7) switch
    {
        0 => (JsonValue.Create(raw), "number→string"),
        1 => (JsonValue.Create(-1), "negative number"),
        2 => (JsonValue.Create(1.5), "fractional number"),
        3 => (JsonValue.Create(1e12), "huge number"),
        4 => (null, "number→null"),
        5 => (JsonValue.Create(0), "zero"),
        _ => (new JsonObject { ["n"] = 1 }, "number→object"),
    };

    private static JsonNode Replace(JsonNode root, JsonNode target, JsonNode? replacement)
    {
        var parent = target.Parent;
        if (parent is null)
        {
            return replacement ?? JsonValue.Create("null-root")!;
        }

        if (parent is JsonObject obj)
        {
            var name = target.GetPropertyName();
            obj[name] = replacement;
        }
        else if (parent is JsonArray arr)
        {
            var index = target.GetElementIndex();
            arr[index] = replacement;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                Collect(child, into);
            }
        }
        else if (node is JsonArray arr)
        {
            foreach (var child in arr)
            {
                Collect(child, into);
            }
        }
    }
}
