using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>
/// In an OpenAPI document an object with no declared properties (<c>{type: object}</c>, Twilio's every
/// <c>subresource_uris</c>, OpenAI's <c>metadata</c>) is a map, <c>IReadOnlyDictionary&lt;string, JsonElement&gt;</c>, or
/// of the typed value when <c>additionalProperties</c> has a shape: in members, items, bodies alike, with no ALX0120.
/// Only a truly unconstrained place (<c>{}</c>, only a description) stays JsonElement and is listed.
/// </summary>
public sealed class OpenObjectMapTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Path = "/repo/contracts/things.yaml";

    private const string Yaml = """
        openapi: 3.0.3
        info: {title: Things, version: '1'}
        paths:
          /things:
            post:
              operationId: createThing
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object}
              responses:
                '200':
                  description: the thing
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
        components:
          schemas:
            Size:
              type: string
              enum: [small, large]
            Thing:
              type: object
              required: [id, links]
              properties:
                id: {type: string}
                links: {type: object, description: any links}
                labels: {type: object, additionalProperties: {type: string}}
                open: {type: object, additionalProperties: true}
                extra: {type: object, nullable: true}
                parts: {type: array, items: {type: object}}
                anything: {description: no type at all}
                size:
                  anyOf:
                    - {type: string}
                    - {$ref: '#/components/schemas/Size'}
        """;

    private static readonly Lazy<GeneratorRun> Run = new(() => new GeneratorHarness().WithContract(Path, Yaml).Run());

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        using var stream = new MemoryStream();
        var result = Run.Value.Compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return Assembly.Load(stream.ToArray());
    });

    private const string JsonMap = "global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Text.Json.JsonElement>";

    [Fact]
    public void An_object_with_no_declared_properties_is_a_map_in_members_items_and_bodies()
    {
        Run.Value.AssertCompiles();
        var thing = Run.Value.Source("things.yaml.Thing.g.cs");
        output.WriteLine(thing);

        Assert.Contains(JsonMap + " Links", thing);
        Assert.Contains(JsonMap + "? Open", thing);
        Assert.Contains("global::Alexandria.Contracts.Optional<" + JsonMap + "?> Extra", thing);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyDictionary<string, string>? Labels", thing);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<" + JsonMap + ">? Parts", thing);
        Assert.Contains(JsonMap + " Body", Run.Value.Source("things.yaml.Server.CreateThing.g.cs"));
    }

    [Fact]
    public void Only_the_truly_unconstrained_place_stays_JsonElement_and_is_listed()
    {
        var untyped = Run.Value.GeneratorDiagnostics.Where(d => d.Id is "ALX0120" or "ALX0210").ToList();

        var only = Assert.Single(untyped);
        Assert.Contains("'#/$defs/Thing/properties/anything'", only.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("global::System.Text.Json.JsonElement? Anything", Run.Value.Source("things.yaml.Thing.g.cs"));
    }

    [Fact]
    public void A_union_of_a_string_and_a_referenced_string_enum_is_a_string()
    {
        // Every value of the enum is a string the first branch accepts anyway: the union is the scalar, as an inline enum is.
        Assert.Contains("string? Size", Run.Value.Source("things.yaml.Thing.g.cs"));
        Assert.True(IsValid("ThingValidator", """{"id": "a", "links": {}, "size": "medium"}"""));
        Assert.False(IsValid("ThingValidator", """{"id": "a", "links": {}, "size": 3}"""));
    }

    [Fact]
    public void The_maps_round_trip_and_the_validator_still_requires_an_object()
    {
        const string json = """{"id":"a","links":{"self":"/things/a","n":1,"deep":{"x":[true,null]}},"labels":{"k":"v"},"open":{"z":2.5},"extra":null,"parts":[{"p":1},{}]}""";
        var type = Compiled.Value.GetType("Alexandria.Contracts.Thing")!;
        var parsed = type.GetMethod("Parse", [typeof(string)])!.Invoke(null, [json])!;
        var links = (IReadOnlyDictionary<string, JsonElement>)type.GetProperty("Links")!.GetValue(parsed)!;

        Assert.Equal("/things/a", links["self"].GetString());
        Assert.Equal(JsonValueKind.Object, links["deep"].ValueKind);
        Assert.Equal(json, type.GetMethod("ToJson", Type.EmptyTypes)!.Invoke(parsed, null));
        Assert.True(IsValid("ThingValidator", json));
        Assert.False(IsValid("ThingValidator", """{"id": "a", "links": ["not", "an", "object"]}"""));
        Assert.False(IsValid("ThingValidator", """{"id": "a", "links": {}, "labels": {"k": 1}}"""));
    }

    private static bool IsValid(string validator, string json)
    {
        var type = Compiled.Value.GetType("Alexandria.Contracts." + validator, throwOnError: true)!;
        var isValid = type.GetMethods().Single(m => m.Name == "IsValid" && m.GetParameters()[0].ParameterType == typeof(JsonElement));
        using var document = JsonDocument.Parse(json);
        return (bool)isValid.Invoke(null, [document.RootElement, null])!;
    }
}
