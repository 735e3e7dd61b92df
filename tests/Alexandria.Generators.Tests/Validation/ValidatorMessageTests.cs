using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Every message a generated validator can produce, read as a person reads it: what was found, what was expected.
/// One member of a validator-only schema per keyword family; each row validates <c>{"member": value}</c>.
/// </summary>
public sealed class ValidatorMessageTests
{
    private const string Schema = """
        {
          "x-alexandria-assert-formats": true,
          "type": "object",
          "properties": {
            "text": { "type": "string" },
            "count": { "type": "integer" },
            "nullable_text": { "type": ["string", "null"] },
            "several": { "type": ["integer", "boolean", "null"] },
            "record": { "type": "object" },
            "choice": { "enum": ["a", "b", "c"] },
            "only": { "enum": ["a"] },
            "fixed": { "const": "a" },
            "fixed_object": { "const": { "a": 1 } },
            "short": { "type": "string", "minLength": 3, "maxLength": 5 },
            "digits": { "type": "string", "pattern": "^[0-9]+$" },
            "id": { "type": "string", "format": "uuid" },
            "when": { "type": "string", "format": "date-time" },
            "host": { "type": "string", "format": "hostname" },
            "bounded": { "type": "number", "minimum": 1, "maximum": 4, "multipleOf": 0.5 },
            "open": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10 },
            "sized": { "type": "object", "minProperties": 1, "maxProperties": 2 },
            "needs": { "type": "object", "required": ["kind"], "dependentRequired": { "a": ["b"] } },
            "closed": { "type": "object", "properties": { "a": {}, "b": {} }, "additionalProperties": false },
            "patterned": { "type": "object", "properties": { "a": {} }, "patternProperties": { "^x-": {} }, "additionalProperties": false },
            "empty": { "type": "object", "additionalProperties": false },
            "unevaluated": { "type": "object", "properties": { "a": {} }, "allOf": [{ "properties": { "b": {} } }], "unevaluatedProperties": false },
            "lower_names": { "type": "object", "propertyNames": { "pattern": "^[a-z]+$" } },
            "list": { "type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": true },
            "pair": { "type": "array", "prefixItems": [{}, {}], "items": false },
            "none": { "type": "array", "items": false },
            "tuple": { "type": "array", "prefixItems": [{}], "unevaluatedItems": false },
            "has_one": { "type": "array", "contains": { "const": 1 } },
            "has_two": { "type": "array", "contains": { "const": 1 }, "minContains": 2, "maxContains": 3 },
            "not_null": { "not": { "type": "null" } },
            "either": { "anyOf": [{ "type": "string" }, { "type": "integer" }] },
            "exactly": { "oneOf": [{ "type": "integer" }, { "minimum": 0 }] },
            "gone": false
          }
        }
        """;

    private static readonly System.Lazy<CompiledValidators> Validators = new(() =>
        CompiledValidators.From(new GeneratorHarness().WithContract("/c/messages.json", Schema, ("AlexandriaEmit", "validators"))));

    public static TheoryData<string, string, string, string, string> Messages() => new()
    {
        // member, instance value, pointer below the member, keyword, exact message
        { "text", "42", "", "type", "42 is not a string" },
        { "text", "[1, 2]", "", "type", "the array is not a string" },
        { "count", "1.5", "", "type", "1.5 is not an integer" },
        { "nullable_text", "42", "", "type", "42 is not a string (expected string or null)" },
        { "several", "\"x\"", "", "type", "\"x\" is not an integer (expected integer, boolean or null)" },
        { "record", "\"x\"", "", "type", "\"x\" is not an object" },
        { "choice", "\"x\"", "", "enum", "\"x\" is not one of \"a\", \"b\", \"c\"" },
        { "only", "\"x\"", "", "enum", "\"x\" is not \"a\"" },
        { "fixed", "\"b\"", "", "const", "\"b\" is not \"a\"" },
        { "fixed_object", "{\"a\": 2}", "", "const", "the object is not {\"a\":1}" },
        { "short", "\"ab\"", "", "minLength", "\"ab\" is shorter than 3 characters" },
        { "short", "\"abcdef\"", "", "maxLength", "\"abcdef\" is longer than 5 characters" },
        { "digits", "\"12a\"", "", "pattern", "\"12a\" does not match the pattern ^[0-9]+$" },
        { "id", "\"abc\"", "", "format", "\"abc\" is not a UUID" },
        { "when", "\"yesterday\"", "", "format", "\"yesterday\" is not an RFC 3339 date-time" },
        { "host", "\"-x-\"", "", "format", "\"-x-\" is not a hostname" },
        { "bounded", "0", "", "minimum", "0 is less than the minimum 1" },
        { "bounded", "5", "", "maximum", "5 is greater than the maximum 4" },
        { "bounded", "1.25", "", "multipleOf", "1.25 is not a multiple of 0.5" },
        { "open", "0", "", "exclusiveMinimum", "0 is not greater than the exclusive minimum 0" },
        { "open", "10", "", "exclusiveMaximum", "10 is not less than the exclusive maximum 10" },
        { "sized", "{}", "", "minProperties", "the object has 0 members, fewer than the minimum 1" },
        { "sized", "{\"a\": 1, \"b\": 2, \"c\": 3}", "", "maxProperties", "the object has 3 members, more than the maximum 2" },
        { "needs", "{}", "", "required", "missing required member \"kind\"" },
        { "needs", "{\"kind\": 1, \"a\": 1}", "", "dependentRequired", "missing member \"b\", required when \"a\" is present" },
        { "closed", "{\"a\": 1, \"x\": 1}", "/x", "additionalProperties", "member \"x\" is not allowed here (allowed: \"a\", \"b\")" },
        { "patterned", "{\"y\": 1}", "/y", "additionalProperties", "member \"y\" is not allowed here (allowed: \"a\", names matching ^x-)" },
        { "empty", "{\"a\": 1}", "/a", "additionalProperties", "member \"a\" is not allowed here (no members are allowed)" },
        { "unevaluated", "{\"c\": 1}", "/c", "unevaluatedProperties", "member \"c\" is not allowed here (allowed: \"a\", \"b\")" },
        { "lower_names", "{\"Up\": 1}", "", "propertyNames", "member name \"Up\" does not match the schema in 'propertyNames'" },
        { "list", "[]", "", "minItems", "the array has 0 items, fewer than the minimum 1" },
        { "list", "[1, 2, 3]", "", "maxItems", "the array has 3 items, more than the maximum 2" },
        { "list", "[1, 1]", "", "uniqueItems", "items 0 and 1 are equal (items must be unique)" },
        { "pair", "[1, 2, 3]", "/2", "items", "item 2 is not allowed here (the array may have at most 2 items)" },
        { "none", "[1]", "/0", "items", "item 0 is not allowed here (the array must be empty)" },
        { "tuple", "[1, 2]", "/1", "unevaluatedItems", "item 1 is not allowed here (no subschema evaluates it)" },
        { "has_one", "[2]", "", "contains", "no item of the array matches the schema in 'contains'" },
        { "has_two", "[1]", "", "minContains", "the array has 1 item matching 'contains', fewer than the minimum 2" },
        { "has_two", "[1, 1, 1, 1]", "", "maxContains", "the array has 4 items matching 'contains', more than the maximum 3" },
        { "not_null", "null", "", "not", "null matches the schema in 'not' (it must not)" },
        { "either", "true", "", "anyOf", "true does not match any of the 2 schemas in 'anyOf'" },
        { "exactly", "-1.5", "", "oneOf", "-1.5 does not match any of the 2 schemas in 'oneOf'" },
        { "exactly", "5", "", "oneOf", "5 matches schemas 0 and 1 of 'oneOf' (expected exactly one of the 2)" },
        { "gone", "1", "", "false", "1 is not allowed here (the schema allows no value)" },

        // Instance values are quoted, escaped and cut so that a message stays one readable line.
        { "count", "\"" + new string('a', 50) + "\"", "", "type", "\"" + new string('a', 40) + "\u2026\" is not an integer" },
        { "count", "\"a\\nb\\u0001\\\"\"", "", "type", "\"a\\nb\\u0001\\\"\" is not an integer" },
        { "count", "\"\\ud800x\"", "", "json", "\"\\ud800x\" holds an unpaired surrogate, which is not Unicode text (I-JSON, RFC 7493, forbids it)" },
        { "count", "\"\u00e9\\u2028\"", "", "type", "\"\u00e9\\u2028\" is not an integer" },
        { "text", "123456789012345678901234567890123456789012345", "", "type", "1234567890123456789012345678901234567890\u2026 is not a string" },
        { "closed", "{\"a\\u0000\": 1}", "/a\u0000", "additionalProperties", "member \"a\\u0000\" is not allowed here (allowed: \"a\", \"b\")" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_says_what_was_found_and_what_was_expected(string member, string value, string below, string keyword, string message)
    {
        var errors = Validators.Value.Validate("MessagesValidator", "{\"" + member + "\": " + value + "}");

        var error = Assert.Single(errors, e => e.Keyword == keyword);
        Assert.Equal(("/" + member + below, message), (error.InstancePointer, error.Message));
    }

    [Fact]
    public void Every_row_of_the_table_is_invalid_on_the_streaming_path_too()
    {
        foreach (var row in Messages())
        {
            var instance = "{\"" + (string)row[0] + "\": " + (string)row[1] + "}";
            Assert.False(Validators.Value.IsValidUtf8("MessagesValidator", instance), instance);
        }
    }

    [Fact]
    public void A_member_name_that_cannot_be_read_as_text_is_one_json_error_at_its_object_not_an_exception()
    {
        const string json = "{\"closed\": {\"a\\ud800\": 1}}";

        var error = Assert.Single(Validators.Value.Validate("MessagesValidator", json));
        Assert.Equal(("/closed", "json"), (error.InstancePointer, error.Keyword));
        Assert.False(Validators.Value.IsValid("MessagesValidator", json));
        Assert.False(Validators.Value.IsValidUtf8("MessagesValidator", json));
    }
}
