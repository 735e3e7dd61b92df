using System.Linq;
using System.Text;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Strings that are not Unicode text: an escaped unpaired surrogate (RFC 8259 lets it through, I-JSON forbids it) or
/// bytes that are not UTF-8. Wherever one sits, whichever keyword would read it (or none), no validator entry point
/// throws: the instance is invalid, with a <c>json</c> error at the string (a member name: at its object).
/// </summary>
public sealed class UnreadableTextTests
{
    private const string Schema = """
        {
          "x-alexandria-assert-formats": true,
          "type": "object",
          "properties": {
            "patterned": { "type": "string", "pattern": "^(?!x).+$" },
            "simple": { "type": "string", "pattern": "^[a-z]{1,8}$" },
            "uuid": { "type": "string", "format": "uuid" },
            "when": { "type": "string", "format": "date-time" },
            "mail": { "type": "string", "format": "email" },
            "choice": { "enum": ["a", "b"] },
            "fixed": { "const": "a" },
            "short": { "type": "string", "maxLength": 1 },
            "unique": { "type": "array", "uniqueItems": true },
            "lower_names": { "type": "object", "propertyNames": { "pattern": "^[a-z]+$" } },
            "x_names": { "type": "object", "patternProperties": { "^x-": {} }, "additionalProperties": false },
            "closed": { "type": "object", "properties": { "a": {} }, "additionalProperties": false },
            "needs": { "type": "object", "required": ["kind"] },
            "free": {}
          }
        }
        """;

    private static readonly System.Lazy<CompiledValidators> Validators = new(() =>
        CompiledValidators.From(new GeneratorHarness().WithContract("/c/texts.json", Schema, ("AlexandriaEmit", "validators"))));

    public static TheoryData<string, string> Values() => new()
    {
        // member, JSON value whose string holds an unpaired surrogate somewhere
        { "patterned", "\"\\ud800\"" },
        { "simple", "\"ab\\udc00\"" },
        { "uuid", "\"\\ud83d\"" },
        { "when", "\"2024-01-01T00:00:00Z\\ud800\"" },
        { "mail", "\"a\\ud800@example.com\"" },
        { "choice", "\"\\ud800\"" },
        { "fixed", "\"a\\udfff\"" },
        { "short", "\"\\ude00\\ud83d\"" },
        { "free", "\"x\\ud83d\"" },
        { "free", "{\"deep\": [1, {\"er\": \"\\ud800\"}]}" },
        { "unique", "[\"\\ud800\", \"\\ud800\"]" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_string_value_with_an_unpaired_surrogate_is_a_json_error_at_its_pointer_on_every_entry_point(string member, string value)
    {
        var json = "{\"" + member + "\": " + value + "}";

        var errors = Validators.Value.Validate("TextsValidator", json);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("json", e.Keyword));
        Assert.All(errors, e => Assert.StartsWith("/" + member, e.InstancePointer, System.StringComparison.Ordinal));
        Assert.Contains("unpaired surrogate", errors[0].Message, System.StringComparison.Ordinal);
        Assert.Equal(errors, Validators.Value.ValidateUtf8("TextsValidator", Encoding.UTF8.GetBytes(json)));
        Assert.False(Validators.Value.IsValid("TextsValidator", json));
        Assert.False(Validators.Value.IsValidUtf8("TextsValidator", json));
    }

    [Fact]
    public void Every_unreadable_string_is_reported_where_it_is()
    {
        const string json = "{\"free\": {\"deep\": [\"ok\", \"\\ud800\"], \"a/b\": \"\\udc00\"}, \"patterned\": \"\\ud83d\"}";

        var errors = Validators.Value.Validate("TextsValidator", json);

        Assert.Equal(["/free/deep/1", "/free/a~1b", "/patterned"], errors.Select(e => e.InstancePointer));
        Assert.Equal("\"\\ud800\" holds an unpaired surrogate, which is not Unicode text (I-JSON, RFC 7493, forbids it)", errors[0].Message);
    }

    [Theory]
    [InlineData("lower_names")]
    [InlineData("x_names")]
    [InlineData("closed")]
    [InlineData("needs")]
    [InlineData("free")]
    public void A_member_name_with_an_unpaired_surrogate_is_a_json_error_at_its_object(string member)
    {
        var json = "{\"" + member + "\": {\"kind\": 1, \"\\ud800\": 1}}";

        var error = Assert.Single(Validators.Value.Validate("TextsValidator", json));

        Assert.Equal(("/" + member, "json"), (error.InstancePointer, error.Keyword));
        Assert.StartsWith("a member name of the object is not Unicode text", error.Message, System.StringComparison.Ordinal);
        Assert.False(Validators.Value.IsValid("TextsValidator", json));
        Assert.False(Validators.Value.IsValidUtf8("TextsValidator", json));
    }

    [Theory]
    [InlineData("patterned")]
    [InlineData("simple")]
    [InlineData("free")]
    public void A_string_that_is_not_UTF8_is_a_json_error_at_its_pointer(string member)
    {
        var utf8 = Encoding.UTF8.GetBytes("{\"" + member + "\": \"ab\"}").ToList();
        utf8.InsertRange(utf8.Count - 3, new byte[] { 0xC3, 0x28 }); // a lead byte followed by ASCII
        var bytes = utf8.ToArray();

        var error = Assert.Single(Validators.Value.ValidateUtf8("TextsValidator", bytes));

        Assert.Equal(("/" + member, "json", "the string is not valid UTF-8"), (error.InstancePointer, error.Keyword, error.Message));
        Assert.False(Validators.Value.IsValidUtf8("TextsValidator", bytes));
    }

    [Theory]
    [InlineData("{\"short\": \"\\ud83d\\ude00\"}", true)]
    [InlineData("{\"short\": \"\\ud83d\\ude00\\ud83d\\ude00\"}", false)]
    [InlineData("{\"patterned\": \"\\ud83d\\ude00\"}", true)]
    [InlineData("{\"free\": \"\\\\ud800\"}", true)]
    [InlineData("{\"lower_names\": {\"\\u0061\": 1}}", true)]
    public void Escaped_surrogate_pairs_and_escaped_backslashes_are_text(string json, bool valid)
    {
        Assert.Equal(valid, Validators.Value.Validate("TextsValidator", json).Count == 0);
        Assert.Equal(valid, Validators.Value.IsValid("TextsValidator", json));
        Assert.Equal(valid, Validators.Value.IsValidUtf8("TextsValidator", json));
    }
}
