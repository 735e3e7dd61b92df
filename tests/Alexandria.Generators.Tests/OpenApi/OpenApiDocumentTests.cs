using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>An OpenAPI 3.0 YAML document, as users have it, built end to end: types, validators, server, diagnostics.</summary>
public sealed class OpenApiDocumentTests
{
    private const string Path = OpenApiDocuments.PetstorePath;
    private const string Yaml = OpenApiDocuments.Petstore30;

    private static readonly Lazy<GeneratorRun> Petstore = new(() => new GeneratorHarness().WithContract(Path, Yaml).Run());

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        using var stream = new MemoryStream();
        var result = Petstore.Value.Compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return Assembly.Load(stream.ToArray());
    });

    [Fact]
    public void A_yaml_openapi_3_0_document_compiles_with_no_errors_and_no_warnings()
    {
        Petstore.Value.AssertCompiles();
        Assert.DoesNotContain(Petstore.Value.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Every_component_and_inline_schema_with_a_shape_becomes_a_type_named_from_its_operation_and_position()
    {
        var types = Compiled.Value.GetTypes().Where(t => t.Namespace == "Alexandria.Contracts").Select(t => t.Name).ToHashSet();

        // components.schemas, a components.responses body, an inline response, request body and enum parameter.
        Assert.Subset(types, new HashSet<string> { "Pet", "Kind", "Error", "ListPetsOkResponse", "PostPetsBody", "ListPetsStatus" });
        Assert.True(Compiled.Value.GetType("Alexandria.Contracts.Kind")!.IsEnum);
        Assert.True(Compiled.Value.GetType("Alexandria.Contracts.ListPetsStatus")!.IsEnum);
    }

    [Fact]
    public void No_body_or_parameter_of_the_server_is_JsonElement_when_its_schema_has_a_shape()
    {
        var server = Petstore.Value.Sources.Where(s => s.HintName.Contains(".Server.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString());

        Assert.DoesNotContain(server, text => text.Contains("JsonElement", StringComparison.Ordinal));
        Assert.Contains("Ok(global::Alexandria.Contracts.ListPetsOkResponse Body)", Petstore.Value.Source("petstore.yaml.Server.ListPets.g.cs"));
        Assert.Contains("Default(int Status, global::Alexandria.Contracts.Error Body)", Petstore.Value.Source("petstore.yaml.Server.ListPets.g.cs"));
        Assert.Contains("global::Alexandria.Contracts.PostPetsBody Body", Petstore.Value.Source("petstore.yaml.Server.PostPets.g.cs"));
    }

    [Fact]
    public void Nullable_true_is_an_info_at_its_yaml_line_and_lets_null_through_the_validator()
    {
        var infos = Petstore.Value.GeneratorDiagnostics.Where(d => d.Id == "ALX0207" && d.GetMessage().Contains("'nullable: true'", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, infos.Count);
        Assert.All(infos, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        ContractTextPosition.AssertAt(infos.OrderBy(d => d.Location.SourceSpan.Start).Last(), Path, Yaml, "nullable", occurrence: 1);
        Assert.True(IsValid("PetValidator", """{"id": 1, "name": "Rex", "tag": null}"""));
        Assert.False(IsValid("PetValidator", """{"id": 1, "name": null}"""));
    }

    [Fact]
    public void A_boolean_exclusiveMaximum_becomes_the_2020_12_bound_with_an_info()
    {
        var info = Assert.Single(Petstore.Value.GeneratorDiagnostics, d => d.Id == "ALX0207" && d.GetMessage().Contains("exclusiveMaximum", StringComparison.Ordinal));

        ContractTextPosition.AssertAt(info, Path, Yaml, "exclusiveMaximum");
        Assert.Equal("OpenAPI 3.0 'exclusiveMaximum: true' with 'maximum: 100' is read as 'exclusiveMaximum: 100' (the bound itself is excluded)", info.GetMessage());
        Assert.True(IsValid("PetValidator", """{"id": 1, "name": "Rex", "weight": 99.5}"""));
        Assert.False(IsValid("PetValidator", """{"id": 1, "name": "Rex", "weight": 100}"""));
    }

    [Fact]
    public void The_document_examples_round_trip_through_the_generated_types_and_validators()
    {
        // 'example: doggie' became 'examples: ["doggie"]': an annotation, so no diagnostic and no effect on validation.
        Assert.True(IsValid("PostPetsBodyValidator", """{"name": "doggie"}"""));
        Assert.False(IsValid("PostPetsBodyValidator", """{"tag": "x"}"""));
        var pet = Compiled.Value.GetType("Alexandria.Contracts.Pet")!;
        var parsed = pet.GetMethod("Parse", [typeof(string)])!.Invoke(null, ["""{"id":7,"name":"doggie","kind":"dog"}"""])!;
        Assert.Equal("""{"id":7,"name":"doggie","kind":"dog"}""", pet.GetMethod("ToJson", Type.EmptyTypes)!.Invoke(parsed, null));
    }

    [Fact]
    public void An_operation_without_operationId_gets_a_stable_name_and_an_info()
    {
        var info = Assert.Single(Petstore.Value.GeneratorDiagnostics, d => d.Id == "ALX0201");

        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        ContractTextPosition.AssertAt(info, Path, Yaml, "post");
        Assert.Contains("PostPetsAsync(", Petstore.Value.Source("petstore.yaml.Server.ISwaggerPetstoreServer.g.cs"));
    }

    [Fact]
    public void Inline_type_names_do_not_change_when_another_operation_is_added_before_them()
    {
        var edited = Yaml.Replace("paths:\n", "paths:\n  /owners:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, properties: { name: { type: string } } }\n      responses:\n        '200': { description: OK, content: { application/json: { schema: { type: object, properties: { id: { type: integer } } } } } }\n", StringComparison.Ordinal);
        var before = TypeNames(Petstore.Value);
        var after = TypeNames(new GeneratorHarness().WithContract(Path, edited).Run().AssertCompiles());

        Assert.Subset(after, before);
        Assert.Equal(new HashSet<string> { "PostOwnersBody", "PostOwnersOkResponse" }, after.Except(before).ToHashSet());
    }

    private static HashSet<string> TypeNames(GeneratorRun run)
        => run.Compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Alexandria")
            .GetNamespaceMembers().Single(n => n.Name == "Contracts")
            .GetTypeMembers().Select(t => t.Name)
            .Where(n => !n.EndsWith("Validator", StringComparison.Ordinal) && !n.EndsWith("JsonConverter", StringComparison.Ordinal))
            .ToHashSet();

    private static bool IsValid(string validator, string json)
    {
        var type = Compiled.Value.GetType("Alexandria.Contracts." + validator, throwOnError: true)!;
        var isValid = type.GetMethods().Single(m => m.Name == "IsValid" && m.GetParameters()[0].ParameterType == typeof(JsonElement));
        using var document = JsonDocument.Parse(json);
        return (bool)isValid.Invoke(null, [document.RootElement, null])!;
    }
}
