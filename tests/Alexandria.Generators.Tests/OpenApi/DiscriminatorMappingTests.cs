using System;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Generators.Tests.Serialization;

namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>
/// An OpenAPI <c>discriminator</c> picks a wrapper union's case when no member constant does: by its <c>mapping</c>
/// key, else by the case's definition name. Here every input is valid for both cases (an <c>anyOf</c>), so without the
/// discriminator the first case would always be chosen.
/// </summary>
public sealed class DiscriminatorMappingTests
{
    private const string Path = "/repo/contracts/pets.yaml";

    private const string Yaml = """
        openapi: 3.1.0
        info: {title: Pets, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              anyOf:
                - {$ref: '#/components/schemas/Cat'}
                - {$ref: '#/components/schemas/Dog'}
              discriminator:
                propertyName: petType
                mapping:
                  kitty: '#/components/schemas/Cat'
            Cat:
              type: object
              required: [petType]
              properties:
                petType: {type: string}
                name: {type: string}
            Dog:
              type: object
              required: [petType]
              properties:
                petType: {type: string}
                name: {type: string}
        """;

    private static readonly Lazy<GeneratorRun> Run = new(() => new GeneratorHarness().WithContract(Path, Yaml).Run());

    private static readonly Lazy<GeneratedAssembly> Generated = new(() => GeneratedAssembly.Load(Run.Value));

    [Theory]
    [InlineData("""{"petType":"kitty","name":"Tom"}""", "Cat")]
    [InlineData("""{"petType":"Dog","name":"Rex"}""", "Dog")]
    [InlineData("""{"name":"Rex","petType":"Dog"}""", "Dog")]
    public void The_mapping_key_or_the_definition_name_picks_the_case(string json, string kind)
    {
        Run.Value.AssertCompiles();
        var pet = Generated.Value.Parse("Pet", json);

        Assert.Equal(kind, GeneratedAssembly.Get(pet, "Kind")!.ToString());
        Assert.Equal(Generated.Value.Parse(kind, json), GeneratedAssembly.Get(pet, "As" + kind));
    }

    [Fact]
    public void A_value_the_discriminator_does_not_name_is_refused_saying_which_it_expects()
    {
        // 'Cat' is mapped as 'kitty', so its definition name no longer picks it.
        var error = Assert.ThrowsAny<Exception>(() => Generated.Value.Parse("Pet", """{"petType":"Cat"}"""));

        Assert.Contains("expected one of: kitty, Dog", error.ToString(), StringComparison.Ordinal);
    }
}
