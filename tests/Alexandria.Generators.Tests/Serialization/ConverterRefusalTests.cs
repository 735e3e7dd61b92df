using System;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Generators.Tests.Types;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// The generated converters refuse what a type cannot hold — a missing required member, a wrong token, an unknown
/// discriminator, null where null is not allowed — with a <c>ContractJsonException</c> that names the place as a JSON
/// pointer (in the message and <c>InstancePointer</c>) and as System.Text.Json's path (<c>Path</c>).
/// </summary>
public sealed class ConverterRefusalTests
{
    private const string Json = "DrawingJson";
    private const string Id = "3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23";
    private const string Circle = "{\"id\":\"" + Id + "\",\"shape\":\"circle\",\"at\":\"2026-01-01T00:00:00Z\",\"tags\":[],\"radius\":1}";

    private static readonly Lazy<GeneratedAssembly> Generated = new(() =>
        GeneratedAssembly.Load(new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).Run()));

    private static GeneratedAssembly G => Generated.Value;

    private static string Drawing(string shapes = "[" + Circle + "]", string origin = "{\"x\":0,\"y\":0}", string extra = "")
        => "{\"title\":\"t\",\"shapes\":" + shapes + ",\"origin\":" + origin + extra + "}";

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        // document, pointer, JSON path, reason
        { Drawing(shapes: "[" + Circle.Replace(",\"radius\":1", "") + "]"), "/shapes/0", "$.shapes[0]", "required member 'radius' of Circle is missing" },
        { Drawing(origin: "{\"x\":\"one\",\"y\":0}"), "/origin/x", "$.origin.x", "expected an integer (64-bit), found \"one\"" },
        { Drawing(origin: "{\"x\":1.5,\"y\":0}"), "/origin/x", "$.origin.x", "expected an integer (64-bit), found 1.5" },
        { Drawing(shapes: "[" + Circle + ",{\"shape\":\"triangle\"}]"), "/shapes/1/shape", "$.shapes[1].shape", "unknown shape \"triangle\" for Shape; expected one of: circle, square" },
        { Drawing(shapes: "[{\"id\":\"" + Id + "\"}]"), "/shapes/0", "$.shapes[0]", "Shape needs a string 'shape' member to choose its case; expected one of: circle, square" },
        { Drawing(origin: "null"), "/origin", "$.origin", "expected a DrawingOrigin object, found null" },
        { Drawing(shapes: "[null]"), "/shapes/0", "$.shapes[0]", "expected a Shape object, found null" },
        { Drawing(shapes: "[" + Circle.Replace("\"tags\":[]", "\"tags\":[\"a\",null]") + "]"), "/shapes/0/tags/1", "$.shapes[0].tags[1]", "expected a string, found null" },
        { Drawing(shapes: "[" + Circle.Replace(Id, "not-a-uuid") + "]"), "/shapes/0/id", "$.shapes[0].id", "expected a UUID, found \"not-a-uuid\"" },
        { Drawing(shapes: "[" + Circle.Replace("\"circle\"", "\"square\"") + "]"), "/shapes/0", "$.shapes[0]", "required member 'side' of Square is missing" },
        { Drawing(extra: ",\"scores\":{\"a b\":\"x\"}"), "/scores/a b", "$.scores['a b']", "expected a number, found \"x\"" },
        { Drawing(extra: ",\"scores\":{\"a/b~c\":true}"), "/scores/a~1b~0c", "$.scores['a/b~c']", "expected a number, found true" },
        { Drawing(extra: ",\"favorite\":\"blue\""), "/favorite", "$.favorite", "expected a Color (one of deep_red, light-blue, CT-1), found \"blue\"" },
        { Drawing(extra: ",\"day\":\"23/11/2026\""), "/day", "$.day", "expected a yyyy-MM-dd date, found \"23/11/2026\"" },
        { "[]", "", "$", "expected a Drawing object, found an array" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Converter_refuses_what_the_type_cannot_hold_and_names_the_place(string document, string pointer, string path, string reason)
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", document, "ParseUnvalidated"));

        Assert.Equal("ContractJsonException", error.GetType().Name);
        Assert.Equal((pointer.Length == 0 ? "(root)" : pointer) + ": " + reason, error.Message);
        Assert.Equal(pointer, GeneratedAssembly.Get(error, "InstancePointer"));
        Assert.Equal(reason, GeneratedAssembly.Get(error, "Reason"));
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void JsonSerializer_with_the_generated_options_keeps_the_converters_place_rather_than_its_own()
    {
        var document = Drawing(origin: "{\"x\":0,\"y\":\"zero\"}");

        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(document, G.Type("Drawing"), G.Options(Json)));

        Assert.Equal("/origin/y: expected an integer (64-bit), found \"zero\"", error.Message);
        Assert.Equal("$.origin.y", error.Path);
    }

    [Fact]
    public void A_document_that_is_JSON_null_is_refused_rather_than_read_as_a_null_object()
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", "null", "ParseUnvalidated"));

        Assert.Equal("(root): expected a Drawing, found null", error.Message);
    }

    [Fact]
    public void Malformed_JSON_inside_a_member_is_located_and_keeps_the_readers_position()
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Parse("Drawing", "{\"title\":\"t\",\n\"origin\":{\"x\":tru}}", "ParseUnvalidated"));

        Assert.StartsWith("/origin/x: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.LineNumber);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Enum_read_alone_is_refused_with_the_allowed_spellings()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("42", G.Type("Color"), G.Options(Json)));

        Assert.Equal("(root): expected a Color (one of deep_red, light-blue, CT-1), found 42", error.Message);
    }
}
