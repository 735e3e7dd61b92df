using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// The streaming path's shortcuts on the bytes (date-time in its usual form, uuid 16 bytes at a time, plain
/// integers, lengths bounded by the byte count, uniqueItems over short lists, a member fixed to a string checked once)
/// give the document path's verdict at their edges, where a shortcut hands over to the general rule.
/// </summary>
public sealed class StreamingFastPathTests
{
    private const string Contract = """
        {
          "$defs": {
            "stamp": { "type": "string", "format": "date-time" },
            "token": { "type": "string", "format": "uuid" },
            "count": { "type": "integer", "minimum": 1, "maximum": 100 },
            "code": { "type": "string", "minLength": 2, "maxLength": 3 },
            "tags": { "type": "array", "uniqueItems": true },
            "named": { "type": "object", "properties": { "kind": { "type": "string", "pattern": "^[a-z]+$" } } },
            "shout": { "type": "object", "allOf": [{ "$ref": "#/$defs/named" }], "properties": { "kind": { "const": "A!" } }, "required": ["kind"] },
            "quiet": { "type": "object", "allOf": [{ "$ref": "#/$defs/named" }], "properties": { "kind": { "const": "ok" } }, "required": ["kind"] }
          }
        }
        """;

    private static readonly CompiledValidators Validators = CompiledValidators.From(new GeneratorHarness().WithContract("/c/fast.json", Contract));

    [Theory]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00Z\"", true)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00.123Z\"", true)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00.Z\"", false)]
    [InlineData("StampValidator", "\"2024-02-29T00:00:00Z\"", true)]
    [InlineData("StampValidator", "\"2026-02-29T00:00:00Z\"", false)]
    [InlineData("StampValidator", "\"2026-13-01T00:00:00Z\"", false)]
    [InlineData("StampValidator", "\"2026-11-23T24:00:00Z\"", false)]
    [InlineData("StampValidator", "\"2026-11-23T10:60:00Z\"", false)]
    [InlineData("StampValidator", "\"2026-12-31T23:59:60Z\"", true)]
    [InlineData("StampValidator", "\"2026-12-31T10:59:60Z\"", false)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00+01:00\"", true)]
    [InlineData("StampValidator", "\"2026-11-23t10:15:00z\"", true)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:0xZ\"", false)]
    [InlineData("StampValidator", "\"2026-1é-23T10:15:00Z\"", false)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00.0000000000000000000000000000000000000000000000000000000000001Z\"", true)]
    [InlineData("StampValidator", "\"2026-11-23T10:15:00\\u005a\"", true)]
    [InlineData("TokenValidator", "\"3F2B8C1E-7A4D-4E9B-9C61-2D5E8F0A1B23\"", true)]
    [InlineData("TokenValidator", "\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b2:\"", false)]
    [InlineData("TokenValidator", "\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b2@\"", false)]
    [InlineData("TokenValidator", "\"3f2b8c1e-7a4d-4e9b-9c61_2d5e8f0a1b23\"", false)]
    [InlineData("CountValidator", "1", true)]
    [InlineData("CountValidator", "100", true)]
    [InlineData("CountValidator", "0", false)]
    [InlineData("CountValidator", "-0", false)]
    [InlineData("CountValidator", "101", false)]
    [InlineData("CountValidator", "1.0", true)]
    [InlineData("CountValidator", "1e2", true)]
    [InlineData("CountValidator", "0.5", false)]
    [InlineData("CountValidator", "1234567890123456789", false)]
    [InlineData("CountValidator", "-1234567890123456789012", false)]
    [InlineData("CodeValidator", "\"ab\"", true)]
    [InlineData("CodeValidator", "\"abcd\"", false)]
    [InlineData("CodeValidator", "\"é\"", false)]
    [InlineData("CodeValidator", "\"éé\"", true)]
    [InlineData("CodeValidator", "\"😀😀😀\"", true)]
    [InlineData("CodeValidator", "\"\\u00e9\"", false)]
    [InlineData("CodeValidator", "\"\\u00e9\\u00e9\"", true)]
    [InlineData("CodeValidator", "\"\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\\ud83d\\ude00\"", false)]
    [InlineData("TagsValidator", "[\"a\",\"b\",true,null,false]", true)]
    [InlineData("TagsValidator", "[\"a\",\"b\",\"a\"]", false)]
    [InlineData("TagsValidator", "[true,false,true]", false)]
    [InlineData("TagsValidator", "[null,\"null\"]", true)]
    [InlineData("TagsValidator", "[1,1.0]", false)]
    [InlineData("TagsValidator", "[\"a\",\"\\u0061\"]", false)]
    [InlineData("TagsValidator", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\",\"a\"]", false)]
    [InlineData("QuietValidator", "{\"kind\":\"ok\"}", true)]
    [InlineData("QuietValidator", "{\"kind\":\"no\"}", false)]
    [InlineData("ShoutValidator", "{\"kind\":\"A!\"}", false)]
    public void Each_shortcut_gives_the_document_path_verdict(string validator, string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid(validator, json));
        Assert.Equal(valid, Validators.IsValidUtf8(validator, json));
    }
}
