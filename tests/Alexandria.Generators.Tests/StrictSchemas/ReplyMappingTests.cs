using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>What <c>OpenAiReplyToContract</c> promises beyond validity: it removes only strict mode's nulls and never throws.</summary>
public sealed class ReplyMappingTests
{
    private static CompiledOutputSchemas Compiled => StrictSchemaContracts.CompiledExportable.Value;

    [Fact]
    public void Nulls_of_optional_members_are_removed_through_refs_arrays_and_the_discriminated_union()
    {
        var drawing = Compiled.For("DrawingPrompt");
        const string Reply = """{"shapes":[{"kind":"square","side":2,"label":null,"corner":{"street":"c","zip":null}},{"kind":"circle","radius":1,"label":"r"}],"focus":{"kind":"square","side":1,"label":null,"corner":null},"caption":{"street":"s","zip":null}}""";

        var mapped = Map(drawing, Reply);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"shapes":[{"kind":"square","side":2,"corner":{"street":"c"}},{"kind":"circle","radius":1,"label":"r"}],"focus":{"kind":"square","side":1},"caption":{"street":"s"}}"""),
            JsonNode.Parse(mapped)), mapped);
    }

    [Fact]
    public void A_null_the_contract_itself_allows_is_kept()
    {
        // note is optional and typed ["string","null"]: a null there may be the contract's own null, so it stays.
        var mapped = Map(Compiled.For("NestedPrompt"), """{"home":{"street":"a","zip":null},"work":null,"history":null,"note":null,"inner":null}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"home":{"street":"a"},"note":null}"""), JsonNode.Parse(mapped)), mapped);
        Assert.Empty(Compiled.Validate("NestedValidator", Encoding.UTF8.GetBytes(mapped)));
    }

    [Fact]
    public void A_reply_with_nothing_to_remove_comes_back_byte_for_byte()
    {
        var reply = Encoding.UTF8.GetBytes("{ \"name\" : \"caf\\u00e9\",\n  \"count\": 1.50e0 }");

        Assert.Equal(reply, Compiled.For("FlatPrompt").OpenAiReplyToContract(reply));
    }

    [Fact]
    public void Members_the_schema_does_not_know_and_non_ascii_text_survive_the_mapping()
    {
        var mapped = Map(Compiled.For("FlatPrompt"), """{"name":"é—ü\"","count":null,"extra":{"a":[1,2.50]}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"é—ü\"","extra":{"a":[1,2.50]}}"""), JsonNode.Parse(mapped)), mapped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":\"a\",\"count\":null} trailing")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    public void Malformed_input_is_returned_unchanged(string reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply);

        Assert.Equal(bytes, Compiled.For("FlatPrompt").OpenAiReplyToContract(bytes));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_returned_unchanged()
    {
        byte[] bytes = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'n', (byte)'u', (byte)'l', (byte)'l', (byte)'}'];

        Assert.Equal(bytes, Compiled.For("FlatPrompt").OpenAiReplyToContract(bytes));
    }

    private static string Map(CompiledOutputSchemas.Schemas schemas, string reply)
        => Encoding.UTF8.GetString(schemas.OpenAiReplyToContract(Encoding.UTF8.GetBytes(reply)));
}
