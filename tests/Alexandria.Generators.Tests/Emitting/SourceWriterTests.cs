using Alexandria.Generators.Emitting;

namespace Alexandria.Generators.Tests.Emitting;

/// <summary>
/// Emitters write interpolated lines through <c>SourceWriter.LineHandler</c>, straight into the builder; the output
/// must be exactly what the same text written as one string gives (indentation, blank lines, holes holding several
/// lines, comments whose contract text holds a line break C# would end the comment at).
/// </summary>
public sealed class SourceWriterTests
{
    [Theory]
    [InlineData("value")]
    [InlineData("")]
    [InlineData("first\nsecond")]
    [InlineData("first\r\nsecond\r\n")]
    [InlineData("a\u2028b")]
    [InlineData("a\u0085b\rc")]
    [InlineData("   ")]
    public void An_interpolated_line_writes_what_the_same_string_writes(string hole)
    {
        foreach (var prefix in new[] { "", "// ", "/// <summary>", "var x = " })
        {
            var interpolated = new SourceWriter { Indentation = 2 };
            var concatenated = new SourceWriter { Indentation = 2 };
            var number = 42;

            interpolated.Line($"{prefix}{hole} #{number}");
            concatenated.Line(prefix + hole + " #" + number);
            interpolated.Line($"{hole}");
            concatenated.Line(hole);
            using (interpolated.OpenBlock($"if ({hole})"))
            {
                interpolated.Line($"{prefix}{hole}");
            }

            using (concatenated.OpenBlock("if (" + hole + ")"))
            {
                concatenated.Line(prefix + hole);
            }

            Assert.Equal(concatenated.ToString(), interpolated.ToString());
        }
    }

    [Fact]
    public void An_interpolated_line_keeps_the_indentation_and_closes_blocks()
    {
        var writer = new SourceWriter();
        var name = "Item";
        using (writer.OpenBlock($"public sealed record {name}", "}"))
        {
            writer.Line($"public required string {name}Id {{ get; init; }}");
            writer.Line();
        }

        Assert.Equal("public sealed record Item\n{\n    public required string ItemId { get; init; }\n\n}\n", writer.ToString());
    }
}
