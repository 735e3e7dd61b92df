using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// The streaming <c>IsValid(ReadOnlySpan&lt;byte&gt;)</c> against the document path on the cases it handles
/// differently: discriminator dispatch, members merged from <c>allOf</c>, repeated members, escaped names,
/// and schemas it hands back to the document path.
/// </summary>
public sealed class StreamingValidatorTests
{
    private const string Contract = """
        {
          "$defs": {
            "envelope": {
              "type": "object",
              "properties": { "id": { "type": "integer", "minimum": 1 }, "kind": { "type": "string" } },
              "required": ["id", "kind"]
            },
            "a_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": { "kind": { "const": "a" }, "x": { "type": "string", "pattern": "^[a-z]+$" } },
              "required": ["kind", "x"],
              "unevaluatedProperties": false
            },
            "b_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": { "kind": { "const": "b" }, "y": { "type": "array", "items": { "type": "string" }, "uniqueItems": true } },
              "required": ["kind"],
              "unevaluatedProperties": false
            },
            "event": { "oneOf": [{ "$ref": "#/$defs/a_event" }, { "$ref": "#/$defs/b_event" }] },
            "any_event": { "anyOf": [{ "$ref": "#/$defs/a_event" }, { "$ref": "#/$defs/b_event" }] },
            "point": { "type": "object", "properties": { "n": { "type": "integer" } }, "additionalProperties": false },
            "counts": { "type": "object", "properties": { "n": { "type": "integer" } }, "additionalProperties": { "type": "integer" } },
            "items_after_prefix": { "type": "array", "prefixItems": [{ "type": "integer" }], "unevaluatedItems": false },
            "run_id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,3}$" },
            "media": { "type": "string", "pattern": "^[a-z0-9][a-z0-9!#$&^_.+-]{0,5}/[a-z0-9][a-z0-9.+-]*$" },
            "ack": { "type": "string", "pattern": "^ACK [0-9a-f-]{4}$", "maxLength": 8 },
            "overlapping": { "type": "string", "pattern": "^[a-z]{0,3}[a-c]$" },
            "path": { "type": "string", "pattern": "^(?!/)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,8}$" },
            "glob": { "type": "string", "pattern": "^(?!ab)(?!.*\\*\\*)(?!.*x/)[a-z*/]{0,6}$" },
            "hash": { "type": "string", "pattern": "^[a-f0-9]{20}$" },
            "word": { "type": "string", "pattern": "^[a-z]+-[0-9]{1,17}$" },
            "event_id": { "type": "string", "format": "uuid" }
          }
        }
        """;

    private static readonly CompiledValidators Validators = CompiledValidators.From(new GeneratorHarness().WithContract("/c/events.json", Contract));

    [Theory]
    [InlineData("EventValidator", """{"id":1,"kind":"a","x":"abc"}""", true)]
    [InlineData("EventValidator", """{"id":1,"kind":"b","y":["p","q"]}""", true)]
    [InlineData("EventValidator", """{"id":1,"kind":"c","x":"abc"}""", false)]
    [InlineData("EventValidator", """{"id":1,"x":"abc"}""", false)]
    [InlineData("EventValidator", """{"id":0,"kind":"a","x":"abc"}""", false)]
    [InlineData("EventValidator", """{"id":1,"kind":"a","x":"abc","extra":1}""", false)]
    [InlineData("EventValidator", """{"id":1,"kind":"b","y":["p","p"]}""", false)]
    [InlineData("EventValidator", """{"id":1,"kind":"b","y":["p","\u0070"]}""", false)]
    [InlineData("EventValidator", """[1]""", false)]
    [InlineData("EventValidator", """{"\u006bind":"a","id":1,"x":"abc"}""", true)]
    [InlineData("EventValidator", """{"id":1,"kind":"\u0061","x":"abc"}""", true)]
    [InlineData("AnyEventValidator", """{"id":1,"kind":"b"}""", true)]
    [InlineData("AnyEventValidator", """{"id":1,"kind":"a"}""", false)]
    public void The_streaming_path_gives_the_document_path_verdict(string validator, string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid(validator, json));
        Assert.Equal(valid, Validators.IsValidUtf8(validator, json));
    }

    [Theory]
    [InlineData("""{"id":1,"kind":"c","kind":"a","x":"abc"}""", true)]
    [InlineData("""{"id":1,"kind":"a","kind":"c","x":"abc"}""", false)]
    [InlineData("""{"id":1,"kind":"b","x":"abc","kind":"a"}""", true)]
    [InlineData("""{"id":0,"id":1,"kind":"a","x":"abc"}""", true)]
    [InlineData("""{"id":1,"kind":"a","x":"ABC","x":"abc"}""", true)]
    public void Repeated_members_are_judged_by_the_last_one_as_the_document_path_does(string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid("EventValidator", json));
        Assert.Equal(valid, Validators.IsValidUtf8("EventValidator", json));
    }

    [Theory]
    [InlineData("""{"n":1,"n":"x"}""", false)]
    [InlineData("""{"n":"x","n":1}""", true)]
    [InlineData("""{"n":1}""", true)]
    public void A_repeated_declared_member_hands_over_to_the_document_path(string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid("PointValidator", json));
        Assert.Equal(valid, Validators.IsValidUtf8("PointValidator", json));
    }

    /// <summary>
    /// Simple patterns, with leading negative look-aheads of literals (not starting with / not containing), are
    /// matched on the UTF-8 bytes; escaped strings and overlapping atoms use the regex.
    /// </summary>
    [Theory]
    [InlineData("RunIdValidator", "\"a\"", true)]
    [InlineData("RunIdValidator", "\"a-_9\"", true)]
    [InlineData("RunIdValidator", "\"a-_9x\"", false)]
    [InlineData("RunIdValidator", "\"-a\"", false)]
    [InlineData("RunIdValidator", "\"\"", false)]
    [InlineData("RunIdValidator", "\"A\"", false)]
    [InlineData("RunIdValidator", "\"\\u0061b\"", true)]
    [InlineData("RunIdValidator", "\"a\\n\"", false)]
    [InlineData("RunIdValidator", "\"é\"", false)]
    [InlineData("MediaValidator", "\"text/plain\"", true)]
    [InlineData("MediaValidator", "\"a+b.c/x-y\"", true)]
    [InlineData("MediaValidator", "\"text/\"", false)]
    [InlineData("MediaValidator", "\"texttt/x\"", true)]
    [InlineData("MediaValidator", "\"textttt/x\"", false)]
    [InlineData("MediaValidator", "\"a//b\"", false)]
    [InlineData("AckValidator", "\"ACK 0f-a\"", true)]
    [InlineData("AckValidator", "\"ACK 0f-\"", false)]
    [InlineData("AckValidator", "\"ACK 0f-ab\"", false)]
    [InlineData("OverlappingValidator", "\"abc\"", true)]
    [InlineData("OverlappingValidator", "\"zzza\"", true)]
    [InlineData("OverlappingValidator", "\"zzzz\"", false)]
    [InlineData("PathValidator", "\"a/b.c\"", true)]
    [InlineData("PathValidator", "\"a.b/.c.\"", true)]
    [InlineData("PathValidator", "\"/a\"", false)]
    [InlineData("PathValidator", "\"a..b\"", false)]
    [InlineData("PathValidator", "\"a/..\"", false)]
    [InlineData("PathValidator", "\"..\"", false)]
    [InlineData("PathValidator", "\"\"", false)]
    [InlineData("PathValidator", "\"abcdefgh\"", true)]
    [InlineData("PathValidator", "\"abcdefghi\"", false)]
    [InlineData("PathValidator", "\"a b\"", false)]
    [InlineData("PathValidator", "\"é\"", false)]
    [InlineData("PathValidator", "\"\\u002fa\"", false)]
    [InlineData("PathValidator", "\"a.\\u002e\"", false)]
    [InlineData("PathValidator", "\"a\\u002eb\"", true)]
    [InlineData("PathValidator", "\"a\\n..\"", false)]
    [InlineData("GlobValidator", "\"\"", true)]
    [InlineData("GlobValidator", "\"ba/*\"", true)]
    [InlineData("GlobValidator", "\"ab\"", false)]
    [InlineData("GlobValidator", "\"a\"", true)]
    [InlineData("GlobValidator", "\"a**\"", false)]
    [InlineData("GlobValidator", "\"*a*\"", true)]
    [InlineData("GlobValidator", "\"ax/\"", false)]
    [InlineData("GlobValidator", "\"x\"", true)]
    [InlineData("HashValidator", "\"0123456789abcdef0123\"", true)]
    [InlineData("HashValidator", "\"0123456789abcdef012\"", false)]
    [InlineData("HashValidator", "\"0123456789abcdef01234\"", false)]
    [InlineData("HashValidator", "\"0123456789abcdEf0123\"", false)]
    [InlineData("HashValidator", "\"0123456789abcdef012é\"", false)]
    [InlineData("HashValidator", "\"\\u0030123456789abcdef0123\"", true)]
    [InlineData("WordValidator", "\"abc-1\"", true)]
    [InlineData("WordValidator", "\"abcdefghijklmnopqrstuvwxyz-12345678901234567\"", true)]
    [InlineData("WordValidator", "\"abc-123456789012345678\"", false)]
    [InlineData("WordValidator", "\"abc-\"", false)]
    [InlineData("WordValidator", "\"-1\"", false)]
    [InlineData("WordValidator", "\"abcé-1\"", false)]
    [InlineData("WordValidator", "\"abc-1x\"", false)]
    public void Patterns_match_on_bytes_as_the_regex_does(string validator, string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid(validator, json));
        Assert.Equal(valid, Validators.IsValidUtf8(validator, json));
    }

    /// <summary>uuid is checked on the bytes of unescaped text, on the decoded text otherwise.</summary>
    [Theory]
    [InlineData("\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23\"", true)]
    [InlineData("\"3F2B8C1E-7A4D-4E9B-9C61-2D5E8F0A1B23\"", true)]
    [InlineData("\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b2\"", false)]
    [InlineData("\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b234\"", false)]
    [InlineData("\"3f2b8c1e7-a4d-4e9b-9c61-2d5e8f0a1b23\"", false)]
    [InlineData("\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1bg3\"", false)]
    [InlineData("\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1bé\"", false)]
    [InlineData("\"\\u0033f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23\"", true)]
    [InlineData("\"3f2b8c1e\\u002d7a4d-4e9b-9c61-2d5e8f0a1b2x\"", false)]
    [InlineData("42", false)]
    public void Uuid_is_checked_on_bytes_as_on_text(string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValid("EventIdValidator", json));
        Assert.Equal(valid, Validators.IsValidUtf8("EventIdValidator", json));
    }

    [Theory]
    [InlineData("[1]", true)]
    [InlineData("[1, 2]", false)]
    [InlineData("[1", false)]
    public void A_schema_with_unevaluatedItems_keeps_the_document_path(string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValidUtf8("ItemsAfterPrefixValidator", json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\":1,\"kind\":\"a\",\"x\":\"abc\"} 1")]
    [InlineData("{\"id\":1,\"kind\":\"a\",\"x\":\"abc\"")]
    [InlineData("{\"id\":1,\"kind\":\"a\",\"x\":\"\\ud800\"}")]
    public void Input_that_is_not_JSON_text_is_invalid_and_does_not_throw(string json)
    {
        Assert.False(Validators.IsValidUtf8("EventValidator", json));
        Assert.NotEmpty(Validators.ValidateUtf8("EventValidator", System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"n\":1,\"\\ud800\":2}", false)]
    [InlineData("{\"n\":1,\"\\u00e9\":2}", true)]
    [InlineData("{\"n\":1,\"\u00e9\":2}", true)]
    public void A_member_name_that_cannot_be_read_as_text_fails_both_paths_where_additionalProperties_reads_it(string json, bool valid)
    {
        Assert.Equal(valid, Validators.IsValidUtf8("CountsValidator", json));
        Assert.Equal(valid, Validators.ValidateUtf8("CountsValidator", System.Text.Encoding.UTF8.GetBytes(json)).Count == 0);
    }
}
