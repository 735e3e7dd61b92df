using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Yaml;

/// <summary>
/// A JSON Schema contract kept in YAML (a team's packet schemas, like the handoff seed's
/// lifeos_packet_schemas_v1.1.yaml) compiles exactly as the same schema in JSON: the same types, converters and
/// validators, byte for byte; its problems are reported at their YAML line and column.
/// </summary>
public sealed class YamlJsonSchemaTests
{
    private static readonly Lazy<GeneratorRun> FromYaml = new(() => new GeneratorHarness().WithContract(PacketSchemaDocuments.YamlPath, PacketSchemaDocuments.Yaml).Run());

    private static readonly Lazy<GeneratorRun> FromJson = new(() => new GeneratorHarness().WithContract(PacketSchemaDocuments.JsonPath, PacketSchemaDocuments.Json).Run());

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        using var stream = new MemoryStream();
        var result = FromYaml.Value.Compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return Assembly.Load(stream.ToArray());
    });

    [Fact]
    public void A_yaml_packet_schema_compiles_with_no_errors_and_no_warnings()
    {
        FromYaml.Value.AssertCompiles();
        Assert.DoesNotContain(FromYaml.Value.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void The_yaml_schema_generates_the_same_types_and_validators_with_the_same_text_as_the_json_one()
    {
        var fromJson = FromJson.Value.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        // Only the per-file names keep the extension (team_packet_schemas.yaml → TeamPacketSchemasYamlJson), so a
        // .json and a .yaml of the same name can sit side by side, and comments name the source file; everything
        // else must match byte for byte.
        var fromYaml = FromYaml.Value.Sources.ToDictionary(
            s => s.HintName.Replace("team_packet_schemas.yaml.", "team_packet_schemas.", StringComparison.Ordinal).Replace("TeamPacketSchemasYaml", "TeamPacketSchemas", StringComparison.Ordinal),
            s => s.SourceText.ToString().Replace("TeamPacketSchemasYaml", "TeamPacketSchemas", StringComparison.Ordinal)
                .Replace("team_packet_schemas.yaml", "team_packet_schemas.json", StringComparison.Ordinal));

        Assert.Contains("team_packet_schemas.Packet.g.cs", fromJson.Keys);
        Assert.Contains("team_packet_schemas.PacketValidator.g.cs", fromJson.Keys);
        Assert.Equal(fromJson.Keys.Order(StringComparer.Ordinal), fromYaml.Keys.Order(StringComparer.Ordinal));
        foreach (var (hint, text) in fromJson)
        {
            var yaml = fromYaml[hint];
            var line = text.Split('\n').Zip(yaml.Split('\n')).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
            Assert.True(text == yaml, $"{hint} differs between the JSON and the YAML contract at line {line.i + 1}:\n{line.pair.First}\n{line.pair.Second}");
        }
    }

    [Fact]
    public void The_validators_compiled_from_yaml_judge_packets_by_the_schema()
    {
        Assert.True(IsValid("PacketValidator", """{"packet_type":"CONTEXT_REQUEST_PACKET","packet_id":"REQ-0001","requester_role":"Builder","topic":"Auth","query":"Need the schemas"}"""));
        Assert.False(IsValid("PacketValidator", """{"packet_type":"CONTEXT_REQUEST_PACKET","packet_id":"req-1","requester_role":"Builder","topic":"Auth","query":"Need the schemas"}"""));
        Assert.False(IsValid("HandoffPacketValidator", """{"packet_type":"HANDOFF_PACKET","packet_id":"HO-0001","from_role":"Architect","to_role":"Intern","objective":"Build it","scope":[]}"""));
        Assert.True(Compiled.Value.GetType("Alexandria.Contracts.Role", throwOnError: true)!.IsEnum);
    }

    [Fact]
    public void A_problem_in_a_yaml_schema_is_reported_at_its_yaml_line_and_column()
    {
        var broken = PacketSchemaDocuments.Yaml.Replace("items: {$ref: '#/$defs/repo_ref'}", "items: {$ref: '#/$defs/repo_reference'}", StringComparison.Ordinal);

        var run = new GeneratorHarness().WithContract(PacketSchemaDocuments.YamlPath, broken).Run();

        var unresolved = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0101");
        Assert.Equal(DiagnosticSeverity.Error, unresolved.Severity);
        ContractTextPosition.AssertAt(unresolved, PacketSchemaDocuments.YamlPath, broken, "'#/$defs/repo_reference'");
    }

    private static bool IsValid(string validator, string json)
    {
        var type = Compiled.Value.GetType("Alexandria.Contracts." + validator, throwOnError: true)!;
        var isValid = type.GetMethods().Single(m => m.Name == "IsValid" && m.GetParameters()[0].ParameterType == typeof(JsonElement));
        using var document = JsonDocument.Parse(json);
        return (bool)isValid.Invoke(null, [document.RootElement, null])!;
    }
}
