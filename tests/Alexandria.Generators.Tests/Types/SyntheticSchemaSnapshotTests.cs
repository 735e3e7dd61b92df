using System.Linq;
using Alexandria.Generators.Emitting.Types;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing.Schema;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Types;

/// <summary>Every file generated for the synthetic drawing contract, as checked-in snapshots.</summary>
public sealed class SyntheticSchemaSnapshotTests
{
    private static readonly GeneratorRun Run = new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).Run();

    /// <summary>The files the types area emits for the contract (validators have their own tests).</summary>
    private static readonly string[] TypeFiles = TypeEmitter
        .Emit(SchemaTypeParser.Parse(new ContractFile(SyntheticSchemas.DrawingPath, "drawing.json", SyntheticSchemas.Drawing, GeneratorHarness.TestNamespace)))
        .Select(s => s.HintName)
        .Order(System.StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> HintNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in TypeFiles)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        SnapshotAssert.Matches(Run.Source(hintName), hintName.Replace(".g.cs", ""));
    }

    [Fact]
    public void The_contract_generates_one_file_per_type_and_converter_plus_its_json_entry_point()
    {
        var names = TypeFiles;

        Assert.Equal(
            new[]
            {
                "drawing.Circle.g.cs", "drawing.CircleJsonConverter.g.cs", "drawing.Color.g.cs", "drawing.ColorJsonConverter.g.cs",
                "drawing.Drawing.g.cs", "drawing.DrawingJson.g.cs", "drawing.DrawingJsonConverter.g.cs",
                "drawing.DrawingLayersItem.g.cs", "drawing.DrawingLayersItemJsonConverter.g.cs", "drawing.DrawingOrigin.g.cs", "drawing.DrawingOriginJsonConverter.g.cs",
                "drawing.Envelope.g.cs", "drawing.EnvelopeJsonConverter.g.cs",
                "drawing.Shape.g.cs", "drawing.ShapeJsonConverter.g.cs", "drawing.Square.g.cs", "drawing.SquareJsonConverter.g.cs",
            },
            names);
        Assert.All(names, name => Assert.Contains(Run.Sources, s => s.HintName == name));

        // The helpers every converter and record shares come once per compilation, not once per contract.
        Assert.Single(Run.Sources, s => s.HintName == "Alexandria.ContractJsonSupport.g.cs");
        Assert.Single(Run.Sources, s => s.HintName == "Alexandria.ContractSequenceEquality.g.cs");

        // The only diagnostics list the two members that are JsonElement because their schemas allow anything.
        Assert.Equal(
            new[] { "ALX0120 #/$defs/drawing/properties/metadata", "ALX0120 #/$defs/drawing/properties/extra" },
            Run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Id + " " + d.GetMessage().Split('\'')[1]));
    }

    [Fact]
    public void The_same_contract_generates_the_same_bytes_every_time()
    {
        var again = new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).Run();

        Assert.Equal(
            Run.Sources.Select(s => s.HintName + "\n" + s.SourceText),
            again.Sources.Select(s => s.HintName + "\n" + s.SourceText));
    }
}
