using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing;
using Alexandria.Generators.Parsing.Schema;

namespace Alexandria.Generators.Tests.Types;

/// <summary>
/// Shape detection asks <c>ObjectMembers.Any</c> whether an object schema has members, instead of collecting them:
/// it must answer what <c>Collect(...).Members.Count &gt; 0</c> answers, through <c>allOf</c>, a <c>$ref</c> beside
/// <c>properties</c>, and cycles.
/// </summary>
public sealed class ObjectMembersTests
{
    [Theory]
    [InlineData("""{ "type": "object", "properties": { "a": {} } }""", true)]
    [InlineData("""{ "type": "object", "properties": {} }""", false)]
    [InlineData("""{ "type": "object" }""", false)]
    [InlineData("""{ "allOf": [ { "$ref": "#/$defs/base" } ] }""", true)]
    [InlineData("""{ "allOf": [ { "$ref": "#/$defs/empty" } ] }""", false)]
    [InlineData("""{ "$ref": "#/$defs/base", "properties": {} }""", true)]
    [InlineData("""{ "$ref": "#/$defs/base" }""", false)]
    [InlineData("""{ "allOf": [ { "required": ["x"] }, { "properties": { "b": true } } ] }""", true)]
    [InlineData("""{ "allOf": [ { "$ref": "#/$defs/loop" } ] }""", false)]
    [InlineData("""{ "allOf": [ { "$ref": "other.json#/$defs/x" } ] }""", false)]
    public void Any_answers_what_collecting_the_members_answers(string schema, bool expected)
    {
        var text = $$"""
            {
              "$defs": {
                "subject": {{schema}},
                "base": { "type": "object", "properties": { "id": { "type": "string" } } },
                "empty": { "type": "object" },
                "loop": { "allOf": [ { "$ref": "#/$defs/loop" } ] }
              }
            }
            """;
        var file = new ContractFile("/contracts/members.json", "members.json", text, "Members");
        var document = ContractDocument.Load(file, new List<DiagnosticInfo>())!;
        var schemas = new SchemaFile(document);
        var subject = (JsonObject)((JsonObject)((JsonObject)document.Root)["$defs"]!)["subject"]!;

        Assert.Equal(expected, ObjectMembers.Collect(schemas, subject).Members.Count > 0);
        Assert.Equal(expected, ObjectMembers.Any(schemas, subject));
    }
}
