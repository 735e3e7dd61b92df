using System;
using System.Text;
using System.Text.Json;
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
