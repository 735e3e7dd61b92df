using System.Linq;
using System.Text;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Text;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Tests.Emitting;

/// <summary>
/// Generated files reach the compiler as <see cref="AsciiSourceText"/> (one byte per char) when they are all ASCII:
/// the compiler, the IDE and <c>EmitCompilerGeneratedFiles</c> must read exactly the text that was written, and a
/// file with any other character (a contract description in another language) must keep it.
/// </summary>
public sealed class GeneratedTextTests
{
    [Fact]
    public void Ascii_text_reads_back_as_written_through_every_way_the_compiler_reads_it()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            builder.Append("        if (!c.Fail(\"type\", InstanceText.Of(e) + \" is not a string\", \"#/$defs/a/type\")) return false; // ").Append(i).Append('\n');
        }

        var expected = builder.ToString();
        var text = AsciiSourceText.TryCreate(builder);

        Assert.NotNull(text);
        Assert.Equal(expected.Length, text.Length);
        Assert.Equal(expected, text.ToString());
        Assert.Equal(expected.Substring(3000, 1234), text.ToString(new TextSpan(3000, 1234)));
        Assert.Equal(expected[4321], text[4321]);
        var chars = new char[100];
        text.CopyTo(9000, chars, 0, 100);
        Assert.Equal(expected.Substring(9000, 100), new string(chars));
        Assert.Equal(500, text.Lines.Count - 1);
        Assert.Equal(expected.Split('\n')[321], text.Lines[321].ToString());
        Assert.Equal(Encoding.UTF8, text.Encoding);
        Assert.True(text.ContentEquals(SourceText.From(expected, Encoding.UTF8)));
        Assert.Equal(SourceText.From(expected, Encoding.UTF8).GetChecksum().ToArray(), text.GetChecksum().ToArray());
    }

    [Theory]
    [InlineData("/// <summary>Café au lait.</summary>")]
    [InlineData("// \u00A0non-breaking")]
    [InlineData("var s = \"\U0001F600\";")]
    public void Text_with_any_other_character_keeps_it(string line)
    {
        var writer = new SourceWriter();
        writer.Line("namespace N");
        writer.Line(line);

        var text = writer.ToSourceText();

        Assert.IsNotType<AsciiSourceText>(text);
        Assert.Equal("namespace N\n" + line + "\n", text.ToString());
        Assert.Null(AsciiSourceText.TryCreate(new StringBuilder(line)));
    }

    [Fact]
    public void A_writer_gives_the_same_text_as_a_string_and_as_source_text()
    {
        static SourceWriter Write()
        {
            var writer = new SourceWriter();
            using (writer.OpenBlock("namespace N"))
            {
                writer.Line($"public const string S = {new CSharpLiteral("a\"b", "/", "c\\d\n")};");
                writer.Line($"public const string T = {new CSharpLiteral("#/$defs/x", "/", "type")};");
            }

            return writer;
        }

        var asString = Write().ToString();
        var asText = Write().ToSourceText();

        Assert.IsType<AsciiSourceText>(asText);
        Assert.Equal(asString, asText.ToString());
        Assert.Contains("S = " + CSharpNaming.Literal("a\"b/c\\d\n") + ";", asString);
        Assert.Contains("T = \"#/$defs/x/type\";", asString);
    }

    [Fact]
    public void Generated_sources_reach_the_compiler_as_bytes_and_compile()
    {
        var run = new Infrastructure.GeneratorHarness()
            .WithContract("/contracts/people.json", """
                { "$defs": { "person": { "type": "object", "description": "Une personne (é)", "properties": { "name": { "type": "string", "maxLength": 5 } }, "required": ["name"] } } }
                """)
            .Run();

        Assert.Empty(run.Compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var sources = run.Sources.ToList();
        Assert.Contains(sources, s => s.SourceText is AsciiSourceText);
        var record = sources.Single(s => s.HintName == "people.Person.g.cs");
        Assert.IsNotType<AsciiSourceText>(record.SourceText);
        Assert.Contains("Une personne (é)", record.SourceText.ToString());
    }
}
