using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Alexandria.OpenApi;
using Alexandria.OpenApi.Bundling;

namespace Alexandria.Server.Tests.Description;

/// <summary>The bundler on description shapes the real contracts do not have (yet): collisions, nesting, whole files, errors.</summary>
public sealed class OpenApiBundlerTests
{
    private static JsonObject Bundle(params (string Path, string Json)[] files)
        => OpenApiBundler.Bundle(DescriptionFileSet.Load(new InMemoryDescription(files)));

    private static string Ref(JsonNode node, string pointer)
    {
        Assert.True(JsonPointer.TryEvaluate(node, pointer, out var value), "nothing at " + pointer);
        return (string)value!;
    }

    private const string ResponseSchema = "/paths/~1x/get/responses/200/content/application~1json/schema/$ref";

    [Fact]
    public void A_definition_moves_into_components_with_the_definitions_it_references_and_every_ref_is_rewritten()
    {
        var bundle = Bundle(
            ("openapi.json", InMemoryDescription.Root("schema.json#/$defs/run")),
            ("schema.json", """{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"run": {"type": "object", "properties": {"status": {"$ref": "#/$defs/status"}, "at": {"$ref": "#/$defs/span/properties/start"}}}, "status": {"enum": ["a"]}, "span": {"properties": {"start": {"type": "integer"}}}, "unused": {"type": "string"}}}"""));

        Assert.Equal("#/components/schemas/run", Ref(bundle, ResponseSchema));
        var schemas = bundle["components"]!["schemas"]!.AsObject();
        Assert.Equal(["run", "span", "status"], schemas.Select(p => p.Key));
        Assert.Equal("#/components/schemas/status", Ref(schemas, "/run/properties/status/$ref"));
        Assert.Equal("#/components/schemas/span/properties/start", Ref(schemas, "/run/properties/at/$ref"));
    }

    [Fact]
    public void Definitions_that_share_a_name_are_all_qualified_by_their_file_and_an_existing_component_keeps_its_name()
    {
        var bundle = Bundle(
            ("openapi.json", InMemoryDescription.Root("a.json#/$defs/item", """{"schemas": {"run": {"$ref": "a.json#/$defs/run"}, "other": {"$ref": "b.json#/$defs/item"}}}""")),
            ("a.json", """{"$defs": {"item": {"type": "string"}, "run": {"type": "object"}}}"""),
            ("b.json", """{"$defs": {"item": {"type": "integer"}}}"""));

        var schemas = bundle["components"]!["schemas"]!.AsObject();
        Assert.Equal(["run", "other", "a.item", "a.run", "b.item"], schemas.Select(p => p.Key));
        Assert.Equal("#/components/schemas/a.item", Ref(bundle, ResponseSchema));
        Assert.Equal("#/components/schemas/a.run", Ref(schemas, "/run/$ref"));
        Assert.Equal("#/components/schemas/b.item", Ref(schemas, "/other/$ref"));
        Assert.Equal("integer", (string)schemas["b.item"]!["type"]!);
    }

    [Fact]
    public void A_whole_schema_file_becomes_one_component_without_its_root_keywords_and_references_resolve_from_its_folder()
    {
        var bundle = Bundle(
            ("openapi.json", InMemoryDescription.Root("schemas/page.json")),
            ("schemas/page.json", """{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/page.json", "type": "object", "properties": {"item": {"$ref": "#/$defs/item"}, "meta": {"$ref": "../common.json#/$defs/meta"}}, "$defs": {"item": {"type": "string"}}}"""),
            ("common.json", """{"$defs": {"meta": {"type": "object"}}}"""));

        var schemas = bundle["components"]!["schemas"]!.AsObject();
        Assert.Equal("#/components/schemas/page", Ref(bundle, ResponseSchema));
        Assert.Equal(["item", "meta", "page"], schemas.Select(p => p.Key));
        Assert.False(schemas["page"]!.AsObject().ContainsKey("$defs"));
        Assert.False(schemas["page"]!.AsObject().ContainsKey("$id"));
        Assert.Equal("#/components/schemas/meta", Ref(schemas, "/page/properties/meta/$ref"));
    }

    [Fact]
    public void A_ref_inside_data_is_left_alone_and_a_property_named_like_a_keyword_is_still_a_schema()
    {
        var bundle = Bundle(
            ("openapi.json", InMemoryDescription.Root("s.json#/$defs/x")),
            ("s.json", """{"$defs": {"x": {"properties": {"enum": {"$ref": "#/$defs/y"}}, "const": {"$ref": "nowhere.json"}, "examples": [{"$ref": "nowhere.json"}]}, "y": {"type": "string"}}}"""));

        var x = bundle["components"]!["schemas"]!["x"]!;
        Assert.Equal("#/components/schemas/y", Ref(x, "/properties/enum/$ref"));
        Assert.Equal("nowhere.json", Ref(x, "/const/$ref"));
        Assert.Equal("nowhere.json", Ref(x, "/examples/0/$ref"));
    }

    [Fact]
    public void A_union_marked_with_its_discriminator_gets_the_openapi_mapping_and_consts_get_their_type()
    {
        var bundle = Bundle(
            ("openapi.json", InMemoryDescription.Root("s.json#/$defs/shape")),
            ("s.json", """
                {"$defs": {
                  "shape": {"oneOf": [{"$ref": "#/$defs/circle"}, {"$ref": "#/$defs/square"}], "x-alexandria-discriminator": "kind"},
                  "base": {"properties": {"kind": {"type": "string"}}},
                  "circle": {"properties": {"kind": {"const": "circle"}, "r": {"const": 2}}},
                  "square": {"allOf": [{"$ref": "#/$defs/base"}, {"properties": {"kind": {"const": "square"}}}]}
                }}
                """));

        var schemas = bundle["components"]!["schemas"]!;
        Assert.Equal("kind", (string)schemas["shape"]!["discriminator"]!["propertyName"]!);
        Assert.Equal("#/components/schemas/circle", (string)schemas["shape"]!["discriminator"]!["mapping"]!["circle"]!);
        Assert.Equal("#/components/schemas/square", (string)schemas["shape"]!["discriminator"]!["mapping"]!["square"]!);
        Assert.Equal("string", (string)schemas["circle"]!["properties"]!["kind"]!["type"]!);
        Assert.Equal("integer", (string)schemas["circle"]!["properties"]!["r"]!["type"]!);
    }

    [Fact]
    public void A_union_case_without_a_discriminating_const_is_an_error_at_the_union()
    {
        var error = Assert.Throws<DescriptionException>(() => Bundle(
            ("openapi.json", InMemoryDescription.Root("s.json#/$defs/shape")),
            ("s.json", "{\"$defs\": {\n  \"shape\": {\"oneOf\": [{\"$ref\": \"#/$defs/circle\"}], \"x-alexandria-discriminator\": \"kind\"},\n  \"circle\": {\"type\": \"object\"}\n}}")));

        Assert.Equal(("s.json", 2, 12, "/$defs/shape"), (error.File, error.Line, error.Column, error.Pointer));
        Assert.Contains("case 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_files_give_the_same_bytes()
    {
        (string, string)[] files = [("openapi.json", InMemoryDescription.Root("s.json#/$defs/b")), ("s.json", """{"$defs": {"b": {"properties": {"a": {"$ref": "#/$defs/a"}}}, "a": {"type": "string", "description": "<é>"}}}""")];

        var first = OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new InMemoryDescription(files)));
        var second = OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new InMemoryDescription(files)));

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Contains("\"<é>\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.json#/$defs/x", "leaves the description's folder")]
    [InlineData("/abs.json#/$defs/x", "starts at a root")]
    [InlineData("https://example.test/s.json#/$defs/x", "absolute URI")]
    [InlineData("s.json#anchor", "plain name")]
    [InlineData("missing.json#/$defs/x", "missing.json does not exist")]
    [InlineData("s.json#/$defs/nope", "names no value")]
    public void A_reference_that_cannot_be_served_or_bundled_is_an_error_at_its_line_and_column(string reference, string expected)
    {
        var source = new InMemoryDescription(("openapi.json", InMemoryDescription.Root(reference)), ("s.json", """{"$defs": {"x": {}}}"""));

        var error = Assert.Throws<DescriptionException>(() => DescriptionFileSet.Load(source));

        Assert.Equal("openapi.json", error.File);
        Assert.Equal(ResponseSchema, error.Pointer);
        Assert.Equal((8, 109), (error.Line, error.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("openapi.json(8,109): ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("outside.json", source.Reads);
    }

    [Fact]
    public void A_file_that_is_not_json_is_reported_at_the_line_where_it_breaks()
    {
        var error = Assert.Throws<DescriptionException>(() => DescriptionFileSet.Load(new InMemoryDescription(
            ("openapi.json", InMemoryDescription.Root("s.json#/$defs/x")), ("s.json", "{\n  \"$defs\": {\n    \"x\": ,\n  }\n}"))));

        Assert.Equal(("s.json", 3), (error.File, error.Line));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_set_holds_the_root_and_exactly_the_files_its_references_reach()
    {
        var source = new InMemoryDescription(
            ("openapi.json", InMemoryDescription.Root("a.json#/$defs/x")),
            ("a.json", """{"$defs": {"x": {"$ref": "sub/b.json"}}}"""),
            ("sub/b.json", """{"type": "string"}"""),
            ("secret.json", "{}"));

        var set = DescriptionFileSet.Load(source);

        Assert.Equal(["openapi.json", "a.json", "sub/b.json"], set.Files.Select(f => f.Path));
        Assert.Null(set.Find("secret.json"));
        Assert.Equal(DescriptionMediaTypes.JsonSchema, set.Find("a.json")!.MediaType);
        Assert.Equal(DescriptionMediaTypes.OpenApi, set.Root.MediaType);
    }
}
