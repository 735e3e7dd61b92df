using System.Linq;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Tests.Json;

/// <summary>
/// Each parsed value's JSON pointer is made when first asked, from its parent's; it must be the RFC 6901 pointer of
/// the value wherever it is asked first (a leaf before its parents, a parent before its members), with names escaped.
/// </summary>
public sealed class JsonPointerTests
{
    private const string Document = """
        { "$defs": { "a/b": { "properties": { "x~y": { "enum": ["p", { "q": [1, 2] }] } } } }, "": { "": 0 } }
        """;

    [Fact]
    public void A_deep_value_asked_first_has_its_full_pointer()
    {
        var root = JsonDocumentParser.Parse(Document, out _);
        var deep = Items(Member(Member(Member(Member(Member(root, "$defs"), "a/b"), "properties"), "x~y"), "enum"))[1];
        var two = Items(Member(deep, "q"))[1];

        Assert.Equal("/$defs/a~1b/properties/x~0y/enum/1/q/1", two.Pointer);
        Assert.Equal("/$defs/a~1b/properties/x~0y/enum/1", deep.Pointer);
        Assert.Equal("", root.Pointer);
    }

    [Fact]
    public void Parents_asked_first_give_their_members_the_same_pointers()
    {
        var root = JsonDocumentParser.Parse(Document, out _);
        var defs = Member(root, "$defs");
        Assert.Equal("/$defs", defs.Pointer);
        var schema = Member(defs, "a/b");
        Assert.Equal("/$defs/a~1b", schema.Pointer);
        Assert.Equal("/$defs/a~1b/properties/x~0y/enum/0", Items(Member(Member(Member(schema, "properties"), "x~y"), "enum"))[0].Pointer);
        Assert.Equal("//", Member(Member(root, ""), "").Pointer);
    }

    [Fact]
    public void A_repeated_member_keeps_the_last_value_at_the_name()
    {
        var root = JsonDocumentParser.Parse("""{ "a": 1, "a": [true] }""", out var duplicates);

        Assert.Single(duplicates);
        Assert.Equal("/a/0", Items(Member(root, "a"))[0].Pointer);
    }

    private static JsonNode Member(JsonNode node, string name) => ((JsonObject)node)[name]!;

    private static JsonNode[] Items(JsonNode node) => ((JsonArray)node).Items.ToArray();
}
