using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using static Alexandria.Generators.Tests.StrictSchemas.ProviderRuleChecker;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>(a) Every schema Alexandria exports is one its provider accepts, by the provider's published rules.</summary>
public sealed class ProviderRuleTests
{
    [Fact]
    public void Every_export_of_the_real_contracts_is_accepted_by_its_providers_rules()
    {
        var compiled = CompiledOutputSchemas.From(new GeneratorHarness().WithRepositoryContracts().Run());

        var planner = compiled.For("PlannerPrompt");
        Assert.Equal("plan_payload", planner.Name);
        AssertAccepted(planner);
        Assert.NotNull(planner.OpenAiStrict);
        Assert.NotNull(planner.Anthropic);
        Assert.NotNull(planner.Ollama);

        // act_payload.arguments is a free-form object: closed, it would allow only {} (OpenAI and Anthropic need closed objects).
        foreach (var prompt in new[] { "ExecutorPrompt", "RepairPrompt" })
        {
            var executor = compiled.For(prompt);
            Assert.Equal("act_payload", executor.Name);
            AssertAccepted(executor);
            Assert.Null(executor.OpenAiStrict);
            Assert.Null(executor.Anthropic);
            Assert.NotNull(executor.Ollama);
            Assert.StartsWith("additionalProperties at output_schema.json#/$defs/act_payload/properties/arguments: ", Assert.Single(executor.OpenAiFallbackReasons));
            Assert.Single(executor.AnthropicFallbackReasons);
            Assert.Empty(executor.OllamaFallbackReasons);
        }
    }

    [Fact]
    public void Every_export_of_the_synthetic_schemas_is_accepted_by_its_providers_rules()
    {
        var compiled = CompiledOutputSchemas.From(StrictSchemaContracts.Harness(StrictSchemaContracts.Exportable, StrictSchemaContracts.ExportableDefinitions).Run());

        foreach (var definition in StrictSchemaContracts.ExportableDefinitions)
        {
            var schemas = compiled.For(StrictSchemaContracts.ClassName(definition));
            AssertAccepted(schemas);
            Assert.True(schemas.OpenAiStrict is not null, definition + ": " + string.Join("; ", schemas.OpenAiFallbackReasons));
            Assert.True(schemas.Ollama is not null, definition + ": " + string.Join("; ", schemas.OllamaFallbackReasons));
            Assert.Equal(definition == "tree", schemas.Anthropic is null);
        }

        var tree = compiled.For("TreePrompt");
        Assert.Contains("does not accept recursive schemas", Assert.Single(tree.AnthropicFallbackReasons));
    }

    [Fact]
    public void Keywords_a_provider_does_not_enforce_move_into_the_description()
    {
        var compiled = CompiledOutputSchemas.From(StrictSchemaContracts.Harness(StrictSchemaContracts.Exportable, "flat").Run());
        var flat = compiled.For("FlatPrompt");

        // Anthropic enforces no string lengths, numeric bounds or maxItems, and minItems only up to 1 ([A-SO]).
        Assert.Contains("\"name\":{\"type\":\"string\",\"description\":\"(minLength: 1; maxLength: 8)\"}", flat.Anthropic);
        Assert.Contains("\"minItems\":1,\"description\":\"(minItems: 2; maxItems: 4)\"", flat.Anthropic);
        // Ollama enforces bounds on integers only ([LCPP]) and needs an anchored pattern, which this one is.
        Assert.Contains("\"count\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9}", flat.Ollama);
        Assert.Contains("\"ratio\":{\"type\":\"number\",\"description\":\"(exclusiveMinimum: 0; maximum: 1)\"}", flat.Ollama);
        Assert.Contains("\"code\":{\"type\":\"string\",\"pattern\":\"^[a-z]{3}$\"}", flat.Ollama);
        // OpenAI strict keeps them, makes the optional members nullable and infers the type of a bare enum.
        Assert.Contains("\"count\":{\"type\":[\"integer\",\"null\"],\"minimum\":1,\"maximum\":9}", flat.OpenAiStrict);
        Assert.Contains("\"level\":{\"enum\":[1,2,3,null],\"type\":[\"integer\",\"null\"]}", flat.OpenAiStrict);
    }

    private static void AssertAccepted(CompiledOutputSchemas.Schemas schemas)
    {
        foreach (var (provider, json) in new[] { (Provider.OpenAiStrict, schemas.OpenAiStrict), (Provider.Anthropic, schemas.Anthropic), (Provider.Ollama, schemas.Ollama) })
        {
            if (json is not null)
            {
                var problems = Check(provider, schemas.Name, json);
                Assert.True(problems.Count == 0, schemas.Name + " for " + provider + ":\n" + string.Join("\n", problems) + "\n" + json);
            }
        }
    }
}
