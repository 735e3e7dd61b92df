using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;

namespace Alexandria.Runtime.Orchestration.Tests.Json;

/// <summary>
/// Canonical text read straight from a document's bytes (what the planner's context is built from) is exactly the
/// canonical text of the parsed document, whatever the document holds; and leaving out a root member gives the text of
/// the document without it.
/// </summary>
public sealed class CanonicalBytesTests
{
    public static TheoryData<string> Documents() => new()
    {
        """{ "b": [1.0, {"y": 2, "x": "s"}], "a": true }""",
        "{\"\uFB01\":1,\"\uD83D\uDE00\":2,\"\\u0062\":3,\"a\":4,\"d\":5,\"d\":6,\"c\":{\"z\":[],\"y\":null}}",
        """{"z":{"b":{"d":1,"c":[{"f":false,"e":true}]},"a":[]},"y":{}}""",
        """{"s":"quote \" backslash \\ slash \/ newline \n tab \t \u00e9 \u2028 <script>&'+","\u0041b":"\ud83d\ude00","é":"é"}""",
        """{"n":[0,-0,1e3,1E+3,1.5,-2.25e-7,12345678901234567890,9007199254740993,1.0e15,3.14159265358979,-1e-300,123456789.123]}""",
        """[3,"x",null,{"b":1,"a":2},[{"d":[],"c":{}}]]""",
        "  {\r\n \"a\" : [ 1 , 2 ] ,\t\"B\":\"A\" }  ",
        "\"just a string with \\\"escapes\\\"\"",
        "42",
        "-7.5",
        "true",
        "null",
        "{}",
        "[]",
        """{"":1,"a":{"":[""]}}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Text_from_bytes_is_the_canonical_text_of_the_parsed_document(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal(CanonicalJson.ToText(document.RootElement), CanonicalJson.ToText(bytes));
    }

    [Fact]
    public void A_large_object_with_many_members_and_deep_nesting_matches()
    {
        var members = Enumerable.Range(0, 300).Select(i => $"\"k{(i * 7919) % 300}_{i}\":{{\"v\":[{i},{{\"x{i % 3}\":\"{new string('a', i % 5)}\"}}]}}");
        var nested = string.Concat(Enumerable.Repeat("{\"n\":[", 30)) + "1" + string.Concat(Enumerable.Repeat("]}", 30));
        var json = "{" + string.Join(",", members) + ",\"deep\":" + nested + "}";
        var bytes = Encoding.UTF8.GetBytes(json);
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal(CanonicalJson.ToText(document.RootElement), CanonicalJson.ToText(bytes));
    }

    [Fact]
    public void Leaving_out_a_root_member_gives_the_text_of_the_document_without_it()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"b":1,"run_totals":{"x":[1,2]},"a":{"run_totals":2},"r\u0075n_totals2":3}""");

        Assert.Equal("""{"a":{"run_totals":2},"b":1,"run_totals2":3}""", CanonicalJson.ToTextWithout(bytes, "run_totals"u8));
        Assert.Equal("""{"a":{"run_totals":2},"b":1,"run_totals":{"x":[1,2]},"run_totals2":3}""", CanonicalJson.ToText(bytes));
        // Spelled with an escape, the name is still the member left out.
        Assert.Equal("""{"b":1}""", CanonicalJson.ToTextWithout(Encoding.UTF8.GetBytes("""{"b":1,"run_tot\u0061ls":0}"""), "run_totals"u8));
    }

    [Fact]
    public async Task A_session_holds_the_bytes_of_its_window_and_latest_snapshot_written_or_reopened()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var policy = new CompactionPolicy { EventThreshold = 6, StepFallback = 50 };
        var session = await RunSession.OpenAsync(temporary.Store, "run-1", Drafts.ScriptedOptions(policy));
        for (var step = 1; step <= 5; step++)
        {
            await SessionResume.PlayLoopyStepAsync(session, step);
        }

        await session.AppendAsync(new RunEvent[] { Drafts.TokenUsage(6), Drafts.Plan(6) });
        Assert.NotNull(session.Latest);
        AssertBytesMatch(session);

        // Reopened: the tail and the snapshot come back from the store.
        AssertBytesMatch(await RunSession.OpenAsync(temporary.Store, "run-1", Drafts.ScriptedOptions(policy)));
    }

    private static void AssertBytesMatch(RunSession session)
    {
        Assert.Equal(session.EventsSinceSnapshot.Count, session.EventJsonSinceSnapshot.Count);
        Assert.Contains(session.EventsSinceSnapshot, e => e.IsCounted);
        for (var i = 0; i < session.EventsSinceSnapshot.Count; i++)
        {
            var typed = JsonSerializer.SerializeToElement(session.EventsSinceSnapshot[i], OutputSchemaJson.Options);
            Assert.Equal(CanonicalJson.ToText(typed), CanonicalJson.ToText(session.EventJsonSinceSnapshot[i]));
        }

        Assert.NotNull(session.Latest!.RunTotals);
        var withoutTotals = JsonSerializer.SerializeToElement(session.Latest with { RunTotals = null }, OutputSchemaJson.Options);
        Assert.Equal(CanonicalJson.ToText(withoutTotals), CanonicalJson.ToTextWithout(session.LatestJson, "run_totals"u8));
    }

    [Fact]
    public void Bytes_that_are_not_one_json_value_are_refused_and_the_next_call_is_unaffected()
    {
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.ToText(Encoding.UTF8.GetBytes("""{"a":[1,2}""")));
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.ToText(Encoding.UTF8.GetBytes("""{"a":1} {"b":2}""")));
        Assert.ThrowsAny<JsonException>(() => CanonicalJson.ToText(ReadOnlyMemory<byte>.Empty));

        Assert.Equal("""{"a":1,"b":2}""", CanonicalJson.ToText(Encoding.UTF8.GetBytes("""{"b":2,"a":1}""")));
    }

    [Fact]
    public async Task Threads_canonicalizing_at_once_each_get_their_own_text()
    {
        var documents = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"{{\"z\":{i},\"a\":[\"{new string('x', i * 37)}\",{{\"q\":{i},\"p\":true}}]}}")).ToArray();
        var expected = documents.Select(d => CanonicalJson.ToText(JsonDocument.Parse(d).RootElement)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var round = 0; round < 200; round++)
            {
                var i = (round * 31 + t) % documents.Length;
                Assert.Equal(expected[i], CanonicalJson.ToText(documents[i]));
            }
        })));
    }
}
