using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Generators.Tests.Types;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// The typed entry points: <c>Parse</c> validates before it reads (a user never gets an object that breaks the
/// contract without asking), <c>TryParse</c> returns the validator's errors, <c>ParseUnvalidated</c> is the opt-out,
/// <c>ToJson</c>/<c>ToUtf8Json</c> write, and <c>DrawingJson.TypeInfo.X</c> is the cached JsonTypeInfo they use.
/// </summary>
public sealed class TypedEntryPointTests
{
    private const string Id = "3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23";
    private const string Circle = "{\"id\":\"" + Id + "\",\"shape\":\"circle\",\"at\":\"2026-01-01T00:00:00Z\",\"tags\":[],\"radius\":1}";
    private const string Valid = "{\"title\":\"t\",\"shapes\":[" + Circle + "],\"origin\":{\"x\":0,\"y\":0}}";

    private static readonly Lazy<GeneratedAssembly> Generated = new(() => GeneratedAssembly.Load(
        new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).WithSource(Probe).Run()));

    private static GeneratedAssembly G => Generated.Value;

    [Fact]
    public void Parse_reads_a_valid_document_and_ToJson_writes_it_back()
    {
        var drawing = G.Parse("Drawing", Valid);

        Assert.Equal(Valid, GeneratedAssembly.ToJson(drawing));
    }

    [Theory]
    [InlineData(",\"unknown\":1", "", "additionalProperties")]
    [InlineData(",\"homepage\":\"not a uri\"", "/homepage", "format")]
    public void Parse_refuses_a_document_the_converter_alone_would_accept_with_the_validators_pointer(string extra, string pointer, string keyword)
    {
        var document = Valid.Insert(Valid.Length - 1, extra);
        if (keyword != "format")
        {
            // The converter skips unknown members: only the validator stands between this document and an object.
            Assert.NotNull(G.Parse("Drawing", document, "ParseUnvalidated"));
        }

        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", document));

        Assert.Equal("ContractValidationException", error.GetType().Name);
        var errors = GeneratedAssembly.Errors(GeneratedAssembly.Get(error, "Result")!);
        Assert.Contains(errors, e => e.Keyword == keyword && e.Pointer.StartsWith(pointer, StringComparison.Ordinal));
        Assert.StartsWith("The JSON is not a valid Drawing (", error.Message, StringComparison.Ordinal);
        Assert.Contains(errors[0].Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_a_hash_that_breaks_its_pattern_at_the_member_deep_in_a_union_case()
    {
        var document = Valid.Replace("\"radius\":1", "\"radius\":1,\"hash\":\"XYZ\"");

        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", document));

        var errors = GeneratedAssembly.Errors(GeneratedAssembly.Get(error, "Result")!);
        Assert.Contains(errors, e => e.Pointer == "/shapes/0/hash" && e.Keyword == "pattern");
        Assert.Contains("/shapes/0/hash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_member_is_a_validation_error_from_Parse_and_a_located_refusal_from_ParseUnvalidated()
    {
        const string noOrigin = "{\"title\":\"t\",\"shapes\":[]}";

        var validation = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", noOrigin));
        var reading = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", noOrigin, "ParseUnvalidated"));

        Assert.Contains(GeneratedAssembly.Errors(GeneratedAssembly.Get(validation, "Result")!), e => e.Keyword == "required");
        Assert.Equal("(root): required member 'origin' of Drawing is missing", reading.Message);
    }

    [Fact]
    public void TryParse_returns_false_with_every_error_and_no_value_for_an_invalid_document()
    {
        var (ok, value, result) = G.TryParse("Drawing", Valid.Replace("\"x\":0", "\"x\":\"zero\"").Replace("\"title\":\"t\"", "\"title\":7"));

        Assert.False(ok);
        Assert.Null(value);
        var pointers = GeneratedAssembly.Errors(result).Select(e => e.Pointer).ToList();
        Assert.Contains("/origin/x", pointers);
        Assert.Contains("/title", pointers);
    }

    [Fact]
    public void TryParse_returns_true_with_the_value_and_a_valid_result()
    {
        var (ok, value, result) = G.TryParse("Drawing", Valid);

        Assert.True(ok);
        Assert.Equal(G.Parse("Drawing", Valid), value);
        Assert.Empty(GeneratedAssembly.Errors(result));
    }

    [Fact]
    public void A_value_the_schema_allows_but_the_type_cannot_hold_is_a_failed_result_not_an_exception()
    {
        // 1e30 is an integer to JSON Schema, and beyond a long.
        var document = Valid.Replace("\"x\":0", "\"x\":1e30");

        var (ok, _, result) = G.TryParse("Drawing", document);
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", document));

        Assert.False(ok);
        Assert.Equal([("/origin/x", "deserialize", "expected an integer (64-bit), found 1e30")], GeneratedAssembly.Errors(result));
        Assert.Equal("ContractJsonException", error.GetType().Name);
    }

    [Fact]
    public void Union_and_case_entry_points_return_the_case_and_the_case_validates_as_itself()
    {
        var shape = G.Parse("Shape", Circle);
        var circle = G.Parse("Circle", Circle);

        Assert.Equal("Circle", shape.GetType().Name);
        Assert.Equal(shape, circle);
        Assert.Equal(Circle, GeneratedAssembly.ToJson(circle));
        Assert.Equal("ContractValidationException", Assert.ThrowsAny<JsonException>(() => G.Parse("Circle", Circle.Replace("\"circle\"", "\"square\""))).GetType().Name);
    }

    [Fact]
    public void Inline_types_have_validators_and_entry_points_too()
    {
        Assert.Equal("{\"x\":1,\"y\":2}", GeneratedAssembly.ToJson(G.Parse("DrawingOrigin", "{\"x\":1,\"y\":2}")));
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("DrawingOrigin", "{\"x\":1}"));

        Assert.Contains(GeneratedAssembly.Errors(GeneratedAssembly.Get(error, "Result")!), e => e.Keyword == "required");
        Assert.NotNull(G.Type("DrawingOriginValidator"));
    }

    [Fact]
    public void TypeInfo_is_one_cached_JsonTypeInfo_per_type_that_round_trips_through_the_generated_converters()
    {
        var holder = G.Type("DrawingJson").GetNestedType("TypeInfo")!;
        var first = (JsonTypeInfo)holder.GetProperty("Drawing")!.GetValue(null)!;
        var second = (JsonTypeInfo)holder.GetProperty("Drawing")!.GetValue(null)!;
        var shapeInfo = (JsonTypeInfo)holder.GetProperty("Shape")!.GetValue(null)!;
        var colorInfo = (JsonTypeInfo)holder.GetProperty("Color")!.GetValue(null)!;

        Assert.Same(first, second);
        Assert.Equal(G.Type("Drawing"), first.Type);
        Assert.Equal(Valid, JsonSerializer.Serialize(JsonSerializer.Deserialize(Valid, first), first));
        Assert.Equal("Circle", JsonSerializer.Deserialize(Circle, shapeInfo)!.GetType().Name);
        Assert.Equal("\"light-blue\"", JsonSerializer.Serialize(JsonSerializer.Deserialize("\"light-blue\"", colorInfo), colorInfo));
    }

    [Fact]
    public void Span_stream_and_enum_entry_points_work_from_consumer_code()
    {
        Assert.Equal(
            string.Join("\n", Valid, Valid, "True:0", "False:/origin/x", "\"CT-1\"", "LightBlue", "ok"),
            G.Run("Probe", "Run"));
    }

    /// <summary>Calls the overloads reflection cannot (spans) the way user code does.</summary>
    private const string Probe = "namespace Alexandria.Contracts;\n"
        + "public static class Probe\n{\n"
        + "    private const string Valid = " + "\"\"\"\n" + Valid + "\n\"\"\";\n"
        + """
            public static string Run()
            {
                var utf8 = System.Text.Encoding.UTF8.GetBytes(Valid);
                var fromSpan = Drawing.Parse(new System.ReadOnlySpan<byte>(utf8));
                var fromStream = Drawing.Parse(new System.IO.MemoryStream(utf8));
                var ok = Drawing.TryParse(utf8, out var parsed, out var none);
                var bad = Drawing.TryParse(System.Text.Encoding.UTF8.GetBytes(Valid.Replace("\"x\":0", "\"x\":\"0\"")), out var missing, out var errors);
                var color = ColorJsonConverter.Parse("\"light-blue\""u8);
                var unvalidated = ColorJsonConverter.ParseUnvalidated("\"CT-1\""u8);
                var colorOk = ColorJsonConverter.TryParse("\"nope\""u8, out _, out var colorErrors);
                return System.Text.Encoding.UTF8.GetString(fromSpan.ToUtf8Json()) + "\n"
                    + fromStream.ToJson() + "\n"
                    + (ok && parsed is not null) + ":" + none.Errors.Count + "\n"
                    + (bad || missing is not null) + ":" + errors.Errors[0].InstancePointer + "\n"
                    + ColorJsonConverter.ToJson(unvalidated) + "\n"
                    + color + "\n"
                    + (!colorOk && colorErrors.Errors.Count > 0 ? "ok" : "?");
            }
        }
        """;

    [Fact]
    public void Contract_members_named_like_an_entry_point_are_renamed_and_everything_still_round_trips()
    {
        const string contract = """
            {
              "$defs": {
                "type_info": { "type": "object", "properties": { "parse": { "type": "string" }, "to_json": { "type": "integer" }, "try_parse": { "type": "boolean" }, "parse_unvalidated": { "type": "string" }, "to_utf8_json": { "type": "string" } } }
              }
            }
            """;
        var clash = GeneratedAssembly.Load(new GeneratorHarness().WithContract("/repo/contracts/clash.json", contract).Run());
        const string document = "{\"parse\":\"p\",\"to_json\":1,\"try_parse\":true,\"parse_unvalidated\":\"u\",\"to_utf8_json\":\"b\"}";

        var value = clash.Parse("TypeInfo", document);

        Assert.Equal("p", GeneratedAssembly.Get(value, "ParseValue"));
        Assert.Equal(1L, GeneratedAssembly.Get(value, "ToJsonValue"));
        Assert.Equal(true, GeneratedAssembly.Get(value, "TryParseValue"));
        Assert.Equal("u", GeneratedAssembly.Get(value, "ParseUnvalidatedValue"));
        Assert.Equal("b", GeneratedAssembly.Get(value, "ToUtf8JsonValue"));
        Assert.Equal(document, GeneratedAssembly.ToJson(value));
        Assert.NotNull(clash.Type("ClashJson").GetNestedType("TypeInfo")!.GetProperty("TypeInfoValue"));
    }
}
