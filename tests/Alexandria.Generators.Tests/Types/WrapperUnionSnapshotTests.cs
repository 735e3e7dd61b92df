using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Types;

/// <summary>The wrapper union shape and its converter, as checked-in snapshots, and what compiles against it.</summary>
public sealed class WrapperUnionSnapshotTests
{
    private static readonly GeneratorRun Run = new GeneratorHarness().WithContract(WrapperUnionSchemas.Path, WrapperUnionSchemas.Chat).Run();

    [Theory]
    [InlineData("chat.MessageContent.g.cs")]
    [InlineData("chat.MessageContentJsonConverter.g.cs")]
    [InlineData("chat.PointJsonConverter.g.cs")]
    [InlineData("chat.UserPartJsonConverter.g.cs")]
    [InlineData("chat.EitherJsonConverter.g.cs")]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        SnapshotAssert.Matches(Run.Source(hintName), hintName.Replace(".g.cs", ""));
    }

    [Fact]
    public void Every_union_in_the_contract_is_typed_and_the_output_compiles()
    {
        Run.AssertCompiles();

        Assert.DoesNotContain(Run.GeneratorDiagnostics, d => d.Id == "ALX0120");
        Assert.Contains(Run.Sources, s => s.HintName == "chat.Part.g.cs" && s.SourceText.ToString().Contains("public abstract partial record Part"));
        foreach (var wrapper in new[] { "UserPart", "Point", "Loose", "Either", "MessageContent", "MessageLimit", "MessageTags", "MessageStop" })
        {
            Assert.Contains(Run.Sources, s => s.HintName == "chat." + wrapper + ".g.cs" && s.SourceText.ToString().Contains("public sealed partial class " + wrapper + " "));
        }
    }

    [Fact]
    public void Unions_named_like_their_own_members_keep_them_apart_and_compile()
    {
        // Found by the schema fuzz soak: every fuzzed definition is named "case".
        const string contract = """
            {
              "$defs": {
                "case": { "anyOf": [ { "type": "string" }, { "$ref": "#/$defs/alias" } ] },
                "alias": { "$ref": "#/$defs/case" },
                "kind": { "oneOf": [ { "type": "integer" }, { "type": "array", "items": { "type": "string" } } ] },
                "match": { "oneOf": [ { "type": "integer" }, { "type": "boolean" } ] }
              }
            }
            """;

        var run = new GeneratorHarness().WithContract("/repo/contracts/names.json", contract).WithSource("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static bool Text(Case c) => c.Kind == Case.CaseKind.String;
                public static bool Number(Kind k) => k.KindValue == Kind.Case.Integer;
            }
            """).Run().AssertCompiles();

        Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0103" && d.GetMessage().Contains("#/$defs/match"));
    }

    [Fact]
    public void An_object_whose_branches_only_require_members_is_its_record()
    {
        const string contract = """
            {
              "$defs": {
                "search": {
                  "type": "object",
                  "properties": { "ids": { "type": "array", "items": { "type": "string" } }, "stores": { "type": "array", "items": { "type": "string" } } },
                  "oneOf": [ { "required": ["ids"] }, { "required": ["stores"] } ]
                },
                "holder": { "type": "object", "properties": { "inline": { "type": "object", "properties": { "a": { "type": "string" } }, "anyOf": [ { "required": ["a"] } , { "minProperties": 2 } ] } } }
              }
            }
            """;

        var run = new GeneratorHarness().WithContract("/repo/contracts/search.json", contract).WithSource("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Search Make() => new Search { Ids = new[] { "a" } };
                public static string? A(Holder h) => h.Inline?.A;
            }
            """).Run().AssertCompiles();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0120");
        // The branches still hold: exactly one of the two members.
        var generated = Alexandria.Generators.Tests.Serialization.GeneratedAssembly.Load(run);
        Assert.NotNull(generated.Parse("Search", """{"ids":["a"]}"""));
        Assert.Equal("ContractValidationException", Assert.ThrowsAny<System.Exception>(() => generated.Parse("Search", """{"ids":["a"],"stores":["b"]}""")).GetType().Name);
    }
}
