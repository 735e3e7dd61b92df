using System;
using System.Text;
using System.Text.Json;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Orchestration.Tests.Json;

public sealed class JsonHelpersTests
{
    [Fact]
    public void Canonical_json_ignores_member_order_whitespace_and_number_spelling()
    {
        var a = JsonDocument.Parse("""{ "b": [1.0, {"y": 2, "x": "s"}], "a": true }""").RootElement;
        var b = JsonDocument.Parse("""{"a":true,"b":[1,{"x":"s","y":2}]}""").RootElement;

        Assert.Equal(Encoding.UTF8.GetString(CanonicalJson.Serialize(b)), Encoding.UTF8.GetString(CanonicalJson.Serialize(a)));
        Assert.Equal("""{"a":true,"b":[1,{"x":"s","y":2}]}""", Encoding.UTF8.GetString(CanonicalJson.Serialize(a)));
    }

    [Fact]
    public void Canonical_member_order_is_utf16_ordinal_for_escaped_non_ascii_and_duplicate_names()
    {
        // UTF-16 ordinal puts U+FB01 (one code unit) after U+1F600 (a surrogate pair, 0xD83D...), unlike UTF-8 byte
        // order; an escaped name sorts by what it spells; duplicate names keep their document order.
        var value = JsonDocument.Parse("{\"\uFB01\":1,\"\uD83D\uDE00\":2,\"\\u0062\":3,\"a\":4,\"d\":5,\"d\":6,\"c\":{\"z\":[],\"y\":null}}").RootElement;

        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(value));

        Assert.Equal("{\"a\":4,\"b\":3,\"c\":{\"y\":null,\"z\":[]},\"d\":5,\"d\":6,\"\uD83D\uDE00\":2,\"\uFB01\":1}", System.Text.RegularExpressions.Regex.Unescape(text));
        Assert.Equal(text, CanonicalJson.ToText(value));
        Assert.Equal(CallHash.Sha256Hex(Encoding.UTF8.GetBytes("p\n" + text)), CanonicalJson.Sha256Hex("p\n", value));
    }

    [Fact]
    public void Snapshot_ids_are_name_based_version_8_uuids()
    {
        var id = NameBasedUuid.ForSnapshot("run-1", 24);

        Assert.Equal(id, NameBasedUuid.ForSnapshot("run-1", 24));
        Assert.NotEqual(id, NameBasedUuid.ForSnapshot("run-1", 25));
        Assert.NotEqual(id, NameBasedUuid.ForSnapshot("run-2", 24));
        Assert.Equal('8', id.ToString()[14]);
        Assert.Contains(id.ToString()[19], "89ab");
    }

    [Fact]
    public void First_difference_is_named_by_its_json_pointer()
    {
        var stored = Encoding.UTF8.GetBytes("""{"a":1,"list":[{"x":"same"},{"x":"old"}],"z":0}""");
        var rebuilt = Encoding.UTF8.GetBytes("""{"a":1,"list":[{"x":"same"},{"x":"new"}],"z":0}""");

        Assert.Equal("/list/1/x", JsonPointerDiff.FirstDifference(stored, rebuilt));
        Assert.Null(JsonPointerDiff.FirstDifference(stored, stored));
        Assert.Equal("/a~1b", JsonPointerDiff.FirstDifference(Encoding.UTF8.GetBytes("""{"a/b":1}"""), Encoding.UTF8.GetBytes("""{"a/b":2}""")));
    }
}
