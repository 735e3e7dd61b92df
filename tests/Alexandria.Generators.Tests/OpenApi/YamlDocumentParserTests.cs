using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>The YAML reader gives the same tree as JSON would, with offsets into the YAML text.</summary>
public sealed class YamlDocumentParserTests
{
    [Fact]
    public void A_yaml_document_reads_as_the_same_tree_as_its_json_twin()
    {
        const string yaml = """
            %YAML 1.2
            ---
            # comment
            name: plain text   # trailing comment
            quoted: "a \"b\" \u00e9 \t"
            single: 'it''s'
            numbers: [1, -2, +3, 1.5, .5, 1e3, 0x1F, 0o17, 007]
            literals: { a: true, b: False, c: ~, d: null, e: yes }
            "key with: colon": 'v'
            200: status key
            list:
              - one
              -   two
              - nested: map
                second: 2
              -
                - inner
            compact:
            - x
            - y
            empty:
            folded_plain: first
              second line

              after blank
            url: http://example.com/a#b
            ...
            """;
        const string json = """
            {"name":"plain text","quoted":"a \"b\" é \t","single":"it's",
             "numbers":[1,-2,3,1.5,0.5,1e3,31,15,7],
             "literals":{"a":true,"b":false,"c":null,"d":null,"e":"yes"},
             "key with: colon":"v","200":"status key",
             "list":["one","two",{"nested":"map","second":2},["inner"]],
             "compact":["x","y"],"empty":null,
             "folded_plain":"first second line\nafter blank","url":"http://example.com/a#b"}
            """;

        Assert.Equal(Canonical(JsonDocumentParser.Parse(json, out _)), Canonical(YamlDocumentParser.Parse(yaml, out var duplicates)));
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Block_scalars_keep_or_fold_lines_and_honour_chomping()
    {
        const string yaml = "literal: |\n  line 1\n    indented\n  line 3\n\nfolded: >-\n  one\n  two\n\n  three\nkeep: |+\n  x\n\nstrip: |-\n  y\nlast: 1\n";

        var root = (JsonObject)YamlDocumentParser.Parse(yaml, out _);

        Assert.Equal("line 1\n  indented\nline 3\n", ((JsonString)root["literal"]!).Value);
        Assert.Equal("one two\nthree", ((JsonString)root["folded"]!).Value);
        Assert.Equal("x\n\n", ((JsonString)root["keep"]!).Value);
        Assert.Equal("y", ((JsonString)root["strip"]!).Value);
        Assert.Equal("1", ((JsonNumber)root["last"]!).Text);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_copy_the_anchored_value_to_the_alias_pointer()
    {
        const string yaml = "base: &b\n  type: string\n  minLength: 1\nuse: *b\nmerged:\n  <<: *b\n  minLength: 2\n";

        var root = (JsonObject)YamlDocumentParser.Parse(yaml, out _);

        var use = (JsonObject)root["use"]!;
        Assert.Equal("/use/type", use["type"]!.Pointer);
        Assert.Equal(yaml.IndexOf("string", System.StringComparison.Ordinal), use["type"]!.Start);
        var merged = (JsonObject)root["merged"]!;
        Assert.Equal(["minLength", "type"], merged.Properties.Select(p => p.Name).ToArray());
        Assert.Equal("2", ((JsonNumber)merged["minLength"]!).Text);
    }

    [Fact]
    public void Nodes_carry_their_offset_in_the_yaml_text_and_their_pointer()
    {
        const string yaml = "paths:\n  /pets:\n    get:\n      operationId: listPets\n";

        var root = (JsonObject)YamlDocumentParser.Parse(yaml, out _);
        var id = ((JsonObject)((JsonObject)((JsonObject)root["paths"]!)["/pets"]!)["get"]!).GetProperty("operationId")!;

        Assert.Equal(yaml.IndexOf("operationId", System.StringComparison.Ordinal), id.NameStart);
        Assert.Equal("operationId".Length, id.NameLength);
        Assert.Equal((yaml.IndexOf("listPets", System.StringComparison.Ordinal), 8), (id.Value.Start, id.Value.Length));
        Assert.Equal("/paths/~1pets/get/operationId", id.Value.Pointer);
    }

    [Theory]
    [InlineData("a: 1\n  b: 2\n", "': ' inside a plain value", 8)]
    [InlineData("a: 'x'\n  b: 2\n", "Unexpected indentation", 9)]
    [InlineData("a:\n\t- 1\n", "Tabs cannot indent YAML", 3)]
    [InlineData("a: b: c\n", "': ' inside a plain value", 4)]
    [InlineData("a: [1, 2\n", "Unexpected end of file", 9)]
    [InlineData("a: *missing\n", "Alias '*missing' names no anchor", 3)]
    [InlineData("a: 1\n---\nb: 2\n", "more than one YAML document", 5)]
    public void Malformed_yaml_is_refused_at_the_offending_character(string yaml, string message, int offset)
    {
        var error = Assert.Throws<JsonParseException>(() => YamlDocumentParser.Parse(yaml, out _));

        Assert.Contains(message, error.Message, System.StringComparison.Ordinal);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void A_duplicate_key_is_collected_like_a_duplicate_json_member()
    {
        YamlDocumentParser.Parse("a: 1\nb: 2\na: 3\n", out var duplicates);

        var duplicate = Assert.Single(duplicates);
        Assert.Equal(("a", 10), (duplicate.Name, duplicate.NameStart));
    }

    private static string Canonical(JsonNode node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Properties.Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Items.Select(Canonical)) + "]",
        JsonString s => "\"" + s.Value + "\"",
        JsonNumber n => n.Text,
        _ => node.Kind.ToString(),
    };
}
