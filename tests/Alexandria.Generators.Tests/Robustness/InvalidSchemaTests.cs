using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// Schemas the meta-schema refuses (or that no C# can express as written) each become a located diagnostic,
/// never a crash, a silently ignored keyword or generated code that does not compile (issue 15, item 15).
/// </summary>
public sealed class InvalidSchemaTests
{
    private const string Path = "/repo/contracts/bad.json";

    /// <summary>A definition <c>d</c> with the given keywords (JSON members without braces).</summary>
    private static string Definition(string members) => "{\n  \"$defs\": {\n    \"d\": { " + members + " }\n  }\n}\n";

    public static TheoryData<string, string, string> InvalidKeywordValues() => new()
    {
        // contract members, the text the diagnostic must sit on (its last occurrence), a word its message must carry
        { "\"type\": \"string\", \"minLength\": -1", "-1", "minLength" },
        { "\"type\": \"string\", \"maxLength\": 2.5", "2.5", "maxLength" },
        { "\"type\": \"array\", \"minItems\": \"1\"", "\"1\"", "minItems" },
        { "\"type\": \"object\", \"required\": 5", "5", "required" },
        { "\"type\": \"object\", \"required\": [\"a\", 1]", "1", "required" },
        { "\"type\": \"object\", \"required\": [\"a\", \"a\"]", "\"a\"", "required" },
        { "\"$ref\": 5", "5", "$ref" },
        { "\"type\": \"nope\"", "\"nope\"", "type" },
        { "\"type\": [\"string\", \"nope\"]", "\"nope\"", "type" },
        { "\"type\": [\"string\", \"string\"]", "\"string\"", "type" },
        { "\"type\": []", "[]", "type" },
        { "\"enum\": 3", "3", "enum" },
        { "\"type\": \"number\", \"multipleOf\": 0", "0", "multipleOf" },
        { "\"type\": \"number\", \"multipleOf\": -2", "-2", "multipleOf" },
        { "\"type\": \"number\", \"minimum\": \"5\"", "\"5\"", "minimum" },
        { "\"type\": \"string\", \"pattern\": 5", "5", "pattern" },
        { "\"type\": \"string\", \"format\": true", "true", "format" },
        { "\"type\": \"array\", \"uniqueItems\": \"yes\"", "\"yes\"", "uniqueItems" },
        { "\"type\": \"object\", \"properties\": 5", "5", "properties" },
        { "\"type\": \"object\", \"properties\": { \"a\": 5 }", "5", "properties" },
        { "\"type\": \"object\", \"additionalProperties\": \"no\"", "\"no\"", "additionalProperties" },
        { "\"type\": \"array\", \"items\": 5", "5", "items" },
        { "\"allOf\": []", "[]", "allOf" },
        { "\"anyOf\": {}", "{}", "anyOf" },
        { "\"not\": null", "null", "not" },
        { "\"description\": 5", "5", "description" },
        { "\"type\": \"object\", \"dependentRequired\": { \"a\": \"b\" }", "\"b\"", "dependentRequired" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeywordValues))]
    public void An_invalid_keyword_value_is_ALX0104_at_the_value(string members, string needle, string keyword)
    {
        var text = Definition(members);
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0104");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(keyword, diagnostic.GetMessage());
        var last = text.LastIndexOf(needle, System.StringComparison.Ordinal);
        ContractTextPosition.AssertAt(diagnostic, Path, text, needle, text.Substring(0, last).Split(needle).Length - 1);
        run.AssertCompiles();
    }

    [Fact]
    public void An_invalid_keyword_value_in_a_validator_only_file_is_reported_too()
    {
        const string text = "{ \"type\": \"string\", \"minLength\": -1 }";
        var run = new GeneratorHarness().WithContract(Path, text, ("AlexandriaEmit", "validators")).Run();

        AssertNoCrash(run);
        ContractTextPosition.AssertAt(Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0104"), Path, text, "-1");
        run.AssertCompiles();
    }

    [Fact]
    public void An_empty_enum_is_ALX0123_from_draft_6_on_and_ALX0104_in_draft_4()
    {
        var text = Definition("\"enum\": []");
        var run = new GeneratorHarness().WithContract(Path, text).Run();
        AssertNoCrash(run);
        ContractTextPosition.AssertAt(Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0123"), Path, text, "[]");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0104");
        run.AssertCompiles();

        var draft4 = new GeneratorHarness().WithContract(Path, text, ("AlexandriaSchemaDraft", "draft-04")).Run();
        ContractTextPosition.AssertAt(Assert.Single(draft4.GeneratorDiagnostics, d => d.Id == "ALX0104"), Path, text, "[]");
    }

    [Fact]
    public void Valid_keyword_values_of_every_kind_are_not_reported()
    {
        var text = Definition("\"type\": [\"object\", \"null\"], \"required\": [\"a\"], \"minProperties\": 0, \"maxProperties\": 2.0, "
                              + "\"properties\": { \"a\": { \"type\": \"number\", \"multipleOf\": 0.5, \"minimum\": -1e3, \"enum\": [1, 1.5] } }, "
                              + "\"additionalProperties\": false, \"dependentRequired\": { \"a\": [] }, \"description\": \"d\"");
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0104");
        run.AssertCompiles();
    }

    [Theory]
    [InlineData("\"type\": \"string\", \"maxLength\": 1e400, \"minLength\": 9223372036854775808")]
    [InlineData("\"type\": \"array\", \"minItems\": 1e308, \"maxItems\": 3000000000")]
    [InlineData("\"type\": \"object\", \"maxProperties\": 1e20, \"minProperties\": 4294967296")]
    public void Counts_beyond_int_range_are_valid_and_compile_warning_free(string members)
    {
        // Found by the schema fuzzer (seeds 100085, 100170): the generated comparison was CS0652.
        var run = new GeneratorHarness().WithContract(Path, Definition(members)).Run();

        AssertNoCrash(run);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0104");
        run.AssertCompiles();
    }

    [Fact]
    public void Draft_4_boolean_exclusive_bounds_are_valid()
    {
        const string text = "{ \"$schema\": \"http://json-schema.org/draft-04/schema#\", \"definitions\": {}, \"$defs\": { \"d\": { \"type\": \"number\", \"minimum\": 1, \"exclusiveMinimum\": true } } }";
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0104");
    }

    [Fact]
    public void A_definition_named_like_another_definitions_validator_is_ALX0103_and_the_build_is_not_green()
    {
        const string text = "{\n  \"$defs\": {\n    \"a\": { \"type\": \"object\", \"properties\": { \"x\": { \"type\": \"string\" } } },\n    \"a_validator\": { \"type\": \"object\", \"properties\": { \"y\": { \"type\": \"string\" } } }\n  }\n}\n";
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0103");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"a_validator\"");
        Assert.Contains(run.Sources, s => s.HintName == "bad.A.g.cs");
        run.AssertCompiles();
    }

    [Fact]
    public void A_duplicate_enum_value_is_a_warning_and_the_enum_compiles_with_one_member()
    {
        var text = Definition("\"type\": \"string\", \"enum\": [\"a\", \"a\", \"b\"]");
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0122");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"a\"", 1);
        run.AssertCompiles();
        Assert.Single(run.Source("bad.D.g.cs").Split('\n'), line => line.Trim() == "A,");
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\r")]
    public void A_description_with_a_line_break_character_cannot_inject_code(string separator)
    {
        var description = separator + "public class Injected { }" + separator + "}";
        var text = Definition("\"type\": \"object\", \"description\": " + System.Text.Json.JsonSerializer.Serialize(description)
                              + ", \"properties\": { \"a\": { \"type\": \"string\", \"description\": " + System.Text.Json.JsonSerializer.Serialize(description) + " } }");
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        run.AssertCompiles();
        Assert.Null(run.Compilation.GetTypeByMetadataName(GeneratorHarness.TestNamespace + ".Injected"));
    }

    [Fact]
    public void A_reference_cycle_with_no_base_case_is_ALX0121_at_the_ref_that_closes_it()
    {
        const string text = "{\n  \"$defs\": {\n    \"a\": { \"$ref\": \"#/$defs/b\" },\n    \"b\": { \"allOf\": [ { \"$ref\": \"#/$defs/a\" } ] },\n    \"c\": { \"type\": \"object\", \"properties\": { \"x\": { \"$ref\": \"#/$defs/a\" } } }\n  }\n}\n";
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0121");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"#/$defs/a\"");
        run.AssertCompiles();
    }

    [Fact]
    public void A_self_reference_with_no_base_case_is_ALX0121()
    {
        var text = Definition("\"$ref\": \"#/$defs/d\"");
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        ContractTextPosition.AssertAt(Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0121"), Path, text, "\"#/$defs/d\"");
        run.AssertCompiles();
    }

    [Fact]
    public void A_recursive_schema_that_descends_into_the_instance_is_not_a_cycle()
    {
        var text = Definition("\"type\": \"object\", \"properties\": { \"next\": { \"$ref\": \"#/$defs/d\" } }, \"anyOf\": [ { \"required\": [\"next\"] }, { \"not\": { \"$ref\": \"#/$defs/leaf\" } } ] }, \"leaf\": { \"type\": \"integer\"");
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0121");
        run.AssertCompiles();
    }

    [Theory]
    [InlineData("\"type\": \"object\", \"properties\": { \"a\": false, \"b\": false }, \"additionalProperties\": false")]
    [InlineData("\"type\": \"object\", \"properties\": { \"a\": false }, \"additionalProperties\": false, \"required\": [\"a\"]")]
    public void An_object_that_rejects_every_member_compiles_warning_free(string members)
    {
        // Found by the 10,000-case schema fuzz soak (seeds 200552, 205592): every case of the streaming validator's
        // member switch returned, so the code after it was CS0162 (unreachable).
        var run = new GeneratorHarness().WithContract(Path, Definition(members)).Run();

        AssertNoCrash(run);
        run.AssertCompiles();
        Assert.NotNull(run.Compilation.GetTypeByMetadataName(GeneratorHarness.TestNamespace + ".DValidator"));
    }

    [Theory]
    [InlineData("GetType")]
    [InlineData("ReferenceEquals")]
    [InlineData("MemberwiseClone")]
    [InlineData("Finalize")]
    public void A_type_named_like_a_member_of_object_compiles_warning_free(string name)
    {
        // Found by the schema fuzz soak (seeds 206221, 207354): its JsonTypeInfo property hid object.GetType() (CS0108).
        var run = new GeneratorHarness().WithContract(Path, NamedObject(name)).Run();

        AssertNoCrash(run);
        run.AssertCompiles();
        Assert.NotNull(run.Compilation.GetTypeByMetadataName(GeneratorHarness.TestNamespace + "." + name + "Validator"));
    }

    [Theory]
    [InlineData("Parse")]
    [InlineData("ToJson")]
    [InlineData("ToString")]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    public void A_record_named_like_one_of_its_own_members_is_ALX0103_and_what_is_generated_compiles(string name)
    {
        // Found by the schema fuzz soak (seed 203012): a record named Parse declared Parse methods (CS0542).
        var text = NamedObject(name);
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0103");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(name, diagnostic.GetMessage());
        run.AssertCompiles();
    }

    [Theory]
    [InlineData("\\n")]
    [InlineData("\\r")]
    [InlineData("\\u2028")]
    [InlineData("\\u0085")]
    public void A_member_name_with_a_line_break_cannot_inject_code_through_the_types_source_remark(string separator)
    {
        // Found by the schema fuzz soak (seed 203460): an inline object under "foo\nbar" broke its "Generated from" remark.
        var text = "{ \"$defs\": { \"d\": { \"properties\": { \"foo" + separator + "bar\": { \"type\": \"object\", \"properties\": { \"x\": { \"type\": \"string\" } } } } } } }";
        var run = new GeneratorHarness().WithContract(Path, text).Run();

        AssertNoCrash(run);
        run.AssertCompiles();
        Assert.NotNull(run.Compilation.GetTypeByMetadataName(GeneratorHarness.TestNamespace + ".DFooBar"));
    }

    private static string NamedObject(string name)
        => "{ \"$defs\": { \"" + name + "\": { \"type\": \"object\", \"properties\": { \"a\": { \"type\": \"string\" } } } } }";

    private static void AssertNoCrash(GeneratorRun run)
    {
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0004");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal));
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
    }
}
