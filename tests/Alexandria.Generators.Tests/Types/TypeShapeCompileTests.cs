using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Types;

/// <summary>
/// The generated API as a consumer writes against it: each test compiles consumer code that uses one shape,
/// with nullable enabled and warnings as errors, so a change to the public shape fails here.
/// </summary>
public sealed class TypeShapeCompileTests
{
    private static GeneratorRun Drawing(string consumer)
        => new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).WithSource(consumer).Run();

    [Fact]
    public void Object_schemas_become_records_with_required_and_nullable_members()
    {
        Drawing("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Drawing Make() => new Drawing { Title = null, Shapes = new Shape[0], Origin = new DrawingOrigin { X = 1, Y = 2 } };
                public static bool? Visible(Drawing d) => d.Visible;
                public static Drawing Retitled(Drawing d) => d with { Title = "t" };
            }
            """).AssertCompiles();
    }

    [Fact]
    public void Leaving_out_a_required_member_does_not_compile()
    {
        var run = Drawing("""
            public static class Consumer
            {
                public static object Make() => new Alexandria.Contracts.DrawingOrigin { X = 1 };
            }
            """);

        Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS9035" && d.GetMessage().Contains("Y"));
    }

    [Fact]
    public void String_enums_become_csharp_enums_with_pascal_case_members()
    {
        Drawing("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Color[] All => new[] { Color.DeepRed, Color.LightBlue, Color.Ct1 };
                public static string Json(Color c) => ColorJsonConverter.ToJsonValue(c);
                public static bool Parse(string s, out Color c) => ColorJsonConverter.TryParse(s, out c);
            }
            """).AssertCompiles();
    }

    [Fact]
    public void Unions_are_abstract_records_with_sealed_cases_shared_members_and_exhaustive_match()
    {
        Drawing("""
            using System;
            using System.Collections.Generic;
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Shape Make() => new Circle { Id = Guid.Empty, At = DateTimeOffset.UnixEpoch, Tags = new List<string>(), Radius = 1 };
                public static Guid Id(Shape s) => s.Id;
                public static string Discriminator(Shape s) => s.ShapeValue;
                public static bool Round(Shape s) => s.IsRound;
                public static bool RoundKind(string value) => Shape.IsRoundShapeValue(value);
                public static IReadOnlyList<string> Values => Shape.ShapeValueValues;
                public static double Area(Shape s) => s.Match(circle => 3.14 * circle.Radius * circle.Radius, square => square.Side * square.Side);
                public static void Visit(Shape s) => s.Switch(circle => { }, square => { });
            }
            """).AssertCompiles();
    }

    [Fact]
    public void No_type_outside_the_contracts_assembly_can_derive_from_a_union()
    {
        var contracts = Drawing("").AssertCompiles().Compilation;
        var outsider = CSharpCompilation.Create(
            "Outsider",
            [CSharpSyntaxTree.ParseText("""
                namespace Other;
                public sealed record Triangle : Alexandria.Contracts.Shape
                {
                    public override string ShapeValue => "triangle";
                    public override bool IsRound => false;
                }
                """, GeneratorHarness.ParseOptions)],
            contracts.References.Append(contracts.ToMetadataReference()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        Assert.Contains(outsider.GetDiagnostics(), d => d.Id == "CS0122" && d.GetMessage().Contains("Shape.Shape()"));
    }

    [Fact]
    public void AllOf_flattens_the_referenced_members_first_and_constants_are_get_only()
    {
        Drawing("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static string Describe(Square s) => s.Id + s.ShapeValue + s.At + s.Tags.Count + s.Side + s.Color;
                public static string Constant => new Circle { Id = default, At = default, Tags = [], Radius = 2 }.ShapeValue;
            }
            """).AssertCompiles();
    }

    [Fact]
    public void Formats_inline_objects_lists_maps_and_open_objects_have_their_csharp_types()
    {
        Drawing("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Guid Id(Circle c) => c.Id;
                public static DateTimeOffset At(Circle c) => c.At;
                public static string? Hash(Circle c) => c.Hash;
                public static Uri? Homepage(Drawing d) => d.Homepage;
                public static Uri? Link(Drawing d) => d.Link;
                public static DateOnly? Day(Drawing d) => d.Day;
                public static IReadOnlyList<DrawingLayersItem>? Layers(Drawing d) => d.Layers;
                public static IReadOnlyDictionary<string, double>? Scores(Drawing d) => d.Scores;
                public static JsonElement? Metadata(Drawing d) => d.Metadata;
                public static JsonElement? Extra(Drawing d) => d.Extra;
                public static long X(Drawing d) => d.Origin.X;
            }
            """).AssertCompiles();
    }

    [Fact]
    public void An_optional_nullable_anyOf_over_an_enum_is_an_Optional_nullable_enum()
    {
        Drawing("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Color? Favorite(Drawing d) => d.Favorite.GetValueOrDefault();
                public static bool Sent(Drawing d) => d.Favorite.IsPresent;
                public static Drawing SetNull(Drawing d) => d with { Favorite = null };
                public static Drawing Set(Drawing d) => d with { Favorite = Color.DeepRed };
                public static Drawing Unset(Drawing d) => d with { Favorite = default };
            }
            """).AssertCompiles();
    }

    [Fact]
    public void Cross_file_references_use_the_other_contracts_types()
    {
        new GeneratorHarness()
            .WithContract(SyntheticSchemas.CommonPath, SyntheticSchemas.Common)
            .WithContract(SyntheticSchemas.OrderPath, SyntheticSchemas.Order)
            .WithSource("""
                using System.Collections.Generic;
                using Alexandria.Contracts;
                public static class Consumer
                {
                    public static double Amount(Order o) => o.Total.Amount;
                    public static string Hash(Order o) => o.Hash;
                    public static IReadOnlyList<Currency> Accepted(Order o) => o.Accepted;
                    public static System.Text.Json.JsonSerializerOptions Options => OrderJson.Options;
                }
                """)
            .Run()
            .AssertCompiles();
    }
}
