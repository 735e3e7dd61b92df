using System;
using System.Collections;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Generators.Tests.Types;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>Runs the generated converters: round trips, union dispatch, missing members, equality.</summary>
public sealed class ConverterBehaviourTests
{
    private const string Json = "DrawingJson";

    private static readonly Lazy<GeneratedAssembly> Generated = new(() =>
        GeneratedAssembly.Load(new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).Run()));

    private const string CanonicalDrawing = """
        {
          "title": null,
          "shapes": [
            { "id": "3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23", "shape": "circle", "at": "2026-11-23T10:15:00Z", "tags": ["a", "b"], "radius": 1.5,
              "hash": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae" },
            { "id": "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f", "shape": "square", "at": "2026-11-23T10:15:00.125+02:00", "tags": [], "side": 3, "color": "light-blue" }
          ],
          "origin": { "x": -1, "y": 2 },
          "layers": [ { "name": "background" } ],
          "scores": { "z": 0.25, "a": 10 },
          "metadata": { "nested": [1, true, null, { "k": "v" }] },
          "homepage": "https://example.com/a%20b?q=1",
          "link": "../relative/path#frag",
          "day": "2026-11-23",
          "visible": false,
          "favorite": "CT-1",
          "extra": [1, "two"]
        }
        """;

    private static GeneratedAssembly G => Generated.Value;

    [Fact]
    public void Canonical_document_round_trips_exactly()
    {
        var drawing = G.Deserialize(CanonicalDrawing, "Drawing", Json);

        var written = G.Serialize(drawing, "Drawing", Json);

        Assert.Equal(GeneratedAssembly.Minify(CanonicalDrawing), GeneratedAssembly.Minify(written));
    }

    [Fact]
    public void Required_nullable_member_set_to_null_is_read_as_null_and_written_as_null()
    {
        var drawing = G.Deserialize(CanonicalDrawing, "Drawing", Json);

        Assert.Null(GeneratedAssembly.Get(drawing, "Title"));
        Assert.Contains("\"title\":null", G.Serialize(drawing, "Drawing", Json));
    }

    [Fact]
    public void Absent_optional_members_stay_absent_when_written()
    {
        const string minimal = """{"title":"t","shapes":[],"origin":{"x":0,"y":0}}""";

        var drawing = G.Deserialize(minimal, "Drawing", Json);

        Assert.False(GeneratedAssembly.OptionalState(GeneratedAssembly.Get(drawing, "Favorite")).IsPresent);
        Assert.Null(GeneratedAssembly.Get(drawing, "Visible"));
        Assert.Equal(minimal, G.Serialize(drawing, "Drawing", Json));
    }

    [Fact]
    public void Union_discriminator_after_other_members_still_selects_the_case()
    {
        const string circle = """{"tags":[],"radius":2,"at":"2026-01-01T00:00:00Z","id":"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23","shape":"circle"}""";

        var shape = G.Deserialize(circle, "Shape", Json);

        Assert.Equal("Circle", shape.GetType().Name);
        Assert.Equal(2.0, GeneratedAssembly.Get(shape, "Radius"));
        Assert.Equal("circle", GeneratedAssembly.Get(shape, "ShapeValue"));
        Assert.Equal(true, GeneratedAssembly.Get(shape, "IsRound"));
    }

    [Fact]
    public void Union_with_an_unknown_discriminator_fails_naming_the_value_and_the_allowed_ones()
    {
        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize("""{"shape":"triangle","id":"x"}""", "Shape", Json));

        Assert.Equal("/shape: unknown shape \"triangle\" for Shape; expected one of: circle, square", error.Message);
    }

    [Fact]
    public void Missing_required_member_fails_naming_the_json_member()
    {
        const string noRadius = """{"id":"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23","shape":"circle","at":"2026-01-01T00:00:00Z","tags":[]}""";

        var error = Assert.ThrowsAny<JsonException>(() => G.Deserialize(noRadius, "Shape", Json));

        Assert.Equal("(root): required member 'radius' of Circle is missing", error.Message);
    }

    [Fact]
    public void Unknown_members_are_skipped_when_reading()
    {
        const string withExtra = """{"title":"t","unknown":{"deep":[1,2]},"shapes":[],"origin":{"x":0,"y":0}}""";

        var drawing = G.Deserialize(withExtra, "Drawing", Json);

        Assert.Equal("""{"title":"t","shapes":[],"origin":{"x":0,"y":0}}""", G.Serialize(drawing, "Drawing", Json));
    }

    [Fact]
    public void Documents_read_twice_compare_equal_although_they_hold_lists_maps_and_raw_json()
    {
        var first = G.Deserialize(CanonicalDrawing, "Drawing", Json);
        var second = G.Deserialize(CanonicalDrawing, "Drawing", Json);
        var different = G.Deserialize(CanonicalDrawing.Replace("\"background\"", "\"foreground\""), "Drawing", Json);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, different);
    }

    [Fact]
    public void Flags_come_from_the_contract_per_case_and_by_discriminator_value()
    {
        Assert.Equal(true, G.Invoke("Shape", "IsRoundShapeValue", "circle"));
        Assert.Equal(false, G.Invoke("Shape", "IsRoundShapeValue", "square"));
        var values = (IEnumerable)G.Type("Shape").GetProperty("ShapeValueValues")!.GetValue(null)!;
        Assert.Equal(new[] { "circle", "square" }, values);
    }

    [Fact]
    public void Enum_members_keep_their_json_spellings()
    {
        var color = Enum.Parse(G.Type("Color"), "LightBlue");

        Assert.Equal("\"light-blue\"", JsonSerializer.Serialize(color, G.Type("Color"), G.Options(Json)));
        Assert.Equal(color, JsonSerializer.Deserialize("\"light-blue\"", G.Type("Color"), G.Options(Json)));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("\"LightBlue\"", G.Type("Color"), G.Options(Json)));
    }

    [Fact]
    public void Plain_JsonSerializer_uses_the_generated_converter_through_the_attribute()
    {
        var drawing = G.Deserialize(CanonicalDrawing, "Drawing", Json);

        Assert.Equal(GeneratedAssembly.Minify(CanonicalDrawing), GeneratedAssembly.Minify(JsonSerializer.Serialize(drawing, G.Type("Drawing"))));
    }
}
