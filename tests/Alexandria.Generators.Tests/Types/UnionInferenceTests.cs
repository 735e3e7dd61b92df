using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Types;

/// <summary>
/// Unions as real documents spell them (OpenAI's among them): a one-value string enum tells cases apart as a
/// <c>const</c> does, and branches that are all the same scalar are that scalar, not raw JSON.
/// </summary>
public sealed class UnionInferenceTests
{
    private const string Path = "/repo/contracts/messages.json";

    [Fact]
    public void A_one_value_enum_discriminates_a_oneOf_of_object_definitions()
    {
        const string contract = """
            {
              "$defs": {
                "Content": { "oneOf": [ { "$ref": "#/$defs/Text" }, { "$ref": "#/$defs/Image" } ] },
                "Text": {
                  "type": "object", "required": ["type", "text"],
                  "properties": { "type": { "type": "string", "enum": ["text"] }, "text": { "type": "string" } }
                },
                "Image": {
                  "type": "object", "required": ["type", "url"],
                  "properties": { "type": { "type": "string", "enum": ["image"] }, "url": { "type": "string" } }
                }
              }
            }
            """;

        var run = new GeneratorHarness().WithContract(Path, contract).WithSource("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Content Make() => new Text { TextValue = "hi" };
                public static string Kind(Content c) => c.Type;
                public static string Describe(Content c) => c.Match(text => text.TextValue, image => image.Url);
            }
            """).Run().AssertCompiles();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0120");
    }

    [Fact]
    public void A_union_of_one_scalar_type_is_that_scalar_and_not_JsonElement()
    {
        const string contract = """
            {
              "$defs": {
                "ModelId": { "anyOf": [ { "type": "string" }, { "type": "string", "enum": ["gpt-a", "gpt-b"] } ] },
                "Settings": {
                  "type": "object", "required": ["model"],
                  "properties": {
                    "model": { "$ref": "#/$defs/ModelId" },
                    "voice": { "anyOf": [ { "type": "string" }, { "enum": ["alloy", "ash"] }, { "type": "null" } ] },
                    "seed": { "oneOf": [ { "type": "integer", "minimum": 0 }, { "type": "integer", "maximum": -10 } ] },
                    "mode": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] }
                  }
                }
              }
            }
            """;

        var run = new GeneratorHarness().WithContract(Path, contract).WithSource("""
            using Alexandria.Contracts;
            public static class Consumer
            {
                public static Settings Make() => new Settings { Model = "gpt-a", Voice = null, Seed = 3 };
                // Optional and nullable: absence and null stay apart (Optional<T>), the value is the scalar.
                public static Optional<string?> Voice(Settings s) => s.Voice;
                public static long? Seed(Settings s) => s.Seed;
                // A string or an integer: a wrapper union holding one of them.
                public static string? Mode(Settings s) => s.Mode?.Match(text => text, number => number.ToString());
            }
            """).Run().AssertCompiles();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0120");
    }
}
