using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Alexandria.Server.Tests.Fuzz;

/// <summary>One request the fuzzer sends: an HTTP request through HttpClient, or raw bytes on a socket.</summary>
internal sealed record FuzzRequest(string Class, string Method, string Path, string? Body, string? MediaType, string? ApiKey, string? Raw = null);

/// <summary>
/// A seeded generator of requests over every operation of the API and the adversarial classes of issue 15: valid
/// bodies, bodies with one member replaced by a hostile value (numbers beyond 64 bits or decimal precision, dates
/// at the ends of time or leap seconds, lone surrogates, NUL, huge strings, deep nesting), members removed or added,
/// truncated JSON, runtime-owned event kinds, unlinked CT-5, hostile path and query parameters, wrong media types,
/// missing or wrong credentials, and requests only a socket can send.
/// </summary>
internal sealed class HttpFuzzRequests(int seed, string apiKey)
{
    private const string Marker = "\u0001HOSTILE\u0001";
    private readonly Random _random = new(seed);

    /// <summary>Runs the fuzzer has created; the most recent ones are the likeliest targets.</summary>
    public List<string> Runs { get; } = [];

    /// <summary>Packet ids the fuzzer has submitted.</summary>
    public List<Guid> Packets { get; } = [];

    /// <summary>Hostile JSON values as they appear in the body's text (escapes spelled out).</summary>
    private static readonly string[] HostileValues =
    [
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e400", "-1e400",
        "1e-32", "4.0", "4e0", "-0", "0.5", "-1", "1E+2", "123456789012345678901234567890",
        "\"9999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-01:00\"", "\"0000-01-01T00:00:00Z\"", "\"2026-12-31T23:59:60Z\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-11-23T10:22:30+14:00\"", "\"not a date\"",
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"nul\\u0000inside\"", "\"\"", "\"\\\"\"", "\"../../etc/passwd\"",
        "\"" + string.Concat(Enumerable.Repeat("\U0001F600", 40)) + "\"", "\"" + new string('x', 70 * 1024) + "\"",
        "null", "true", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "\"CT-5\"", "[\"CT-5\"]", "\"compaction_started\"", "\"compaction_finished\"", "\"compaction_rejected\"",
        "\"event_threshold\"", "\"step_fallback\"", "\"manual\"",
    ];

    private static readonly string[] HostileSegments =
    [
        "%00", "%2e%2e", "..", "Bad.Name", "UPPER", "a b", "%F0%9F%98%80", "%ud800", "x%00y", new string('a', 65), new string('a', 9000),
        "9223372036854775808", "-1", "00000000-0000-0000-0000-000000000000", "6C1F0E2A-93B4-4D7E-A5F8-0B2C4D6E8F1A", "{}",
    ];

    private static readonly string[] HostileQueries =
    [
        "limit=0", "limit=1001", "limit=-1", "limit=abc", "limit=9223372036854775808", "limit=4.0", "from_seq=0", "from_seq=-5",
        "from_seq=9223372036854775807", "from_seq=1&from_seq=2", "limit=", "from_seq=%00", "unknown=1", "limit=1e3",
    ];

    private static readonly string[] MediaTypes = ["text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data; boundary=x", "*/*", "application/json;;", "invalid"];

    public FuzzRequest Next()
    {
        var roll = _random.Next(100);
        if (Runs.Count == 0 || roll < 8)
        {
            return Valid("valid", "createRun");
        }
        return roll switch
        {
            < 30 => Valid("valid", Pick(Operations)),
            < 60 => Mutated(Pick(BodyOperations)),
            < 66 => Semantic(),
            < 76 => HostilePath(),
            < 82 => WrongMediaType(),
            < 87 => WrongCredentials(),
            < 92 => Malformed(),
            _ => Raw(),
        };
    }

    private static readonly string[] Operations =
    [
        "createRun", "getRun", "appendEvents", "readEvents", "getSnapshotHistory", "getLatestSnapshot", "getSnapshot", "compactRun",
        "registerArtifact", "getArtifact", "uploadArtifactContent", "getArtifactContent", "createHandoff", "listHandoffs", "submitPacket",
        "acknowledgePacket",
    ];

    private static readonly string[] BodyOperations = ["createRun", "appendEvents", "compactRun", "registerArtifact", "createHandoff", "submitPacket"];

    private string Run => Runs.Count == 0 ? "no-run" : Runs[Runs.Count - 1 - Math.Min(Runs.Count - 1, (int)Math.Abs(_random.NextDouble() * _random.NextDouble() * Runs.Count))];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private FuzzRequest Valid(string @class, string operation)
    {
        var (method, path, body) = Template(operation);
        if (operation == "uploadArtifactContent")
        {
            // Bytes, not JSON: an upload for an artifact the run may not have, with a Range header's worth of noise.
            return new FuzzRequest(@class + ":" + operation, method, path, new string('b', _random.Next(0, 4096)), "application/octet-stream", apiKey);
        }
        return new FuzzRequest(@class + ":" + operation, method, path, body?.ToJsonString(), body is null ? null : "application/json", apiKey);
    }

    /// <summary>The operation's route and a valid body for it against the runs and packets made so far.</summary>
    private (string Method, string Path, JsonNode? Body) Template(string operation)
    {
        var run = Run;
        var seq = _random.Next(0, 4) * 3L;
        return operation switch
        {
            "createRun" => ("POST", "/runs", new JsonObject { ["run_id"] = "fz-" + _random.Next().ToString("x8", CultureInfo.InvariantCulture), ["objective"] = "Fuzz." }),
            "getRun" => ("GET", $"/runs/{run}", null),
            "appendEvents" => ("POST", $"/runs/{run}/events", Http.Batch(seq, Http.Step(run, seq + 1, _random.Next(0, 50)))),
            "readEvents" => ("GET", $"/runs/{run}/events?from_seq={_random.Next(1, 30)}&limit={_random.Next(1, 1001)}", null),
            "getSnapshotHistory" => ("GET", $"/runs/{run}/snapshots", null),
            "getLatestSnapshot" => ("GET", $"/runs/{run}/snapshots/latest", null),
            "getSnapshot" => ("GET", $"/runs/{run}/snapshots/{Guid.NewGuid()}", null),
            "compactRun" => ("POST", $"/runs/{run}/compactions", new JsonObject { ["trigger"] = Pick(new[] { "manual", "event_threshold", "step_fallback" }) }),
            "registerArtifact" => ("POST", $"/runs/{run}/artifacts", Http.Artifact(run, Guid.NewGuid())),
            "getArtifact" => ("GET", $"/runs/{run}/artifacts/{Guid.NewGuid()}", null),
            "uploadArtifactContent" => ("PUT", $"/runs/{run}/artifacts/{Guid.NewGuid()}/content", null),
            "getArtifactContent" => ("GET", $"/runs/{run}/artifacts/{Guid.NewGuid()}/content", null),
            "createHandoff" => ("POST", $"/runs/{run}/handoffs", Handoff(run)),
            "listHandoffs" => ("GET", $"/runs/{run}/handoffs", null),
            "submitPacket" => ("POST", "/packets", Handoff(run)),
            "acknowledgePacket" => ("POST", $"/packets/{(Packets.Count > 0 && _random.Next(2) == 0 ? Pick(Packets) : Guid.NewGuid())}/ack", null),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    /// <summary>A valid body with one place changed: a member replaced by a hostile value, removed, or an unknown one added.</summary>
    private FuzzRequest Mutated(string operation)
    {
        var (method, path, body) = Template(operation);
        var places = Places(body!).ToList();
        var (parent, key) = Pick(places);
        var hostile = Pick(HostileValues);
        switch (_random.Next(6))
        {
            case 0 when parent is JsonObject removable:
                removable.Remove((string)key);
                return new FuzzRequest("mutated:remove:" + operation, method, path, body!.ToJsonString(), "application/json", apiKey);
            case 1 when parent is JsonObject extended:
                extended["unexpected_" + _random.Next(100)] = Marker;
                break;
            default:
                if (parent is JsonObject obj)
                {
                    obj[(string)key] = Marker;
                }
                else
                {
                    ((JsonArray)parent)[(int)key] = Marker;
                }
                break;
        }
        var text = body!.ToJsonString().Replace(System.Text.Json.JsonSerializer.Serialize(Marker), hostile, StringComparison.Ordinal);
        return new FuzzRequest("mutated:" + operation, method, path, text, "application/json", apiKey);
    }

    /// <summary>Every (container, member name or index) of <paramref name="node"/>, depth first.</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Places(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                yield return (obj, name);
                if (value is not null)
                {
                    foreach (var inner in Places(value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, i);
                if (array[i] is { } item)
                {
                    foreach (var inner in Places(item))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    /// <summary>Bodies the schema accepts and the runtime's rules refuse (or must handle).</summary>
    private FuzzRequest Semantic()
    {
        var run = Run;
        switch (_random.Next(5))
        {
            case 0:
                var forged = Http.PlanEvent(run, 1);
                forged["kind"] = "compaction_rejected";
                forged["payload"] = new JsonObject { ["reason"] = "invariant_violated", ["violations"] = new JsonArray("forged") };
                return new FuzzRequest("semantic:runtime-owned", "POST", $"/runs/{run}/events", Http.Batch(0, forged).ToJsonString(), "application/json", apiKey);
            case 1:
                var unlinked = Handoff(run);
                unlinked["council_triggers"] = new JsonArray("CT-5");
                return new FuzzRequest("semantic:ct5", "POST", _random.Next(2) == 0 ? "/packets" : $"/runs/{run}/handoffs", unlinked.ToJsonString(), "application/json", apiKey);
            case 2:
                var stale = Handoff(run);
                stale["created_at"] = "2001-01-01T00:00:00Z";
                stale["ttl_hours"] = 1;
                return new FuzzRequest("semantic:stale", "POST", $"/runs/{run}/handoffs", stale.ToJsonString(), "application/json", apiKey);
            case 3:
                var end = Http.PlanEvent(run, 1);
                end["step_id"] = long.MaxValue;
                return new FuzzRequest("semantic:max-step", "POST", $"/runs/{run}/events", Http.Batch(0, end).ToJsonString(), "application/json", apiKey);
            default:
                var many = Enumerable.Range(0, 7).SelectMany(i => Http.Step(run, 1 + (3 * i), i + 1)).ToArray();
                return new FuzzRequest("semantic:compacting-batch", "POST", $"/runs/{run}/events", Http.Batch(0, many).ToJsonString(), "application/json", apiKey);
        }
    }

    private FuzzRequest HostilePath()
    {
        var operation = Pick(Operations);
        var (method, path, body) = Template(operation);
        var segments = path.Split('?')[0].Split('/');
        var replaced = _random.Next(1, segments.Length);
        segments[replaced] = Pick(HostileSegments);
        var hostile = string.Join('/', segments);
        if (_random.Next(3) == 0)
        {
            hostile += "?" + Pick(HostileQueries);
        }
        if (_random.Next(10) == 0)
        {
            method = Pick(new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD" });
        }
        return new FuzzRequest("path:" + operation, method, hostile, body?.ToJsonString(), body is null ? null : "application/json", apiKey);
    }

    private FuzzRequest WrongMediaType()
    {
        var operation = Pick(BodyOperations);
        var (method, path, body) = Template(operation);
        return new FuzzRequest("media:" + operation, method, path, body!.ToJsonString(), _random.Next(5) == 0 ? null : Pick(MediaTypes), apiKey);
    }

    private FuzzRequest WrongCredentials()
    {
        var operation = Pick(Operations);
        var (method, path, body) = Template(operation);
        var key = Pick(new string?[] { null, "", "wrong-key-0123456789abcdef", apiKey[..^1], apiKey + "x", "%%%" });
        return new FuzzRequest("auth:" + operation, method, path, body?.ToJsonString(), body is null ? null : "application/json", key);
    }

    private FuzzRequest Malformed()
    {
        var operation = Pick(BodyOperations);
        var (method, path, body) = Template(operation);
        var text = body!.ToJsonString();
        var broken = _random.Next(6) switch
        {
            0 => text[..(_random.Next(text.Length))],
            1 => text.Insert(_random.Next(text.Length), Pick(new[] { ",", "}", "\"", "\\", "\u0000", "{\"a\":" })),
            2 => text.Replace("{", "{\"dup\":1,\"dup\":2,", StringComparison.Ordinal),
            3 => new string('[', 5000) + new string(']', 5000),
            4 => "",
            _ => "\uFEFF" + text,
        };
        return new FuzzRequest("malformed:" + operation, method, path, broken, "application/json", apiKey);
    }

    private FuzzRequest Raw()
    {
        var run = Run;
        var auth = $"Authorization: Bearer {apiKey}\r\n";
        var raw = _random.Next(7) switch
        {
            0 => "GET /runs/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
            1 => $"GET /runs/{new string('a', 10_000)} HTTP/1.1\r\nHost: x\r\n\r\n",
            2 => $"GET /runs/{run} HTTP/1.1\r\nHost: x\r\nX-Big: {new string('b', 40_000)}\r\n\r\n",
            3 => $"POST /runs HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: {Pick(new[] { "abc", "-1", "99999999999999999999", "1, 2" })}\r\nContent-Type: application/json\r\n\r\n{{}}",
            4 => $"POST /runs HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nffffffffffffffffff\r\n{{}}\r\n0\r\n\r\n",
            5 => $"POST /runs HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n",
            _ => $"GET /runs/{run} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        };
        return new FuzzRequest("raw", "RAW", "", null, null, null, raw);
    }

    private JsonObject Handoff(string run) => Http.Handoff(run, DateTimeOffset.UtcNow, _random.Next(1, 8761), "CT-1");
}
