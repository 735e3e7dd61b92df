using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>
/// (b) Whatever a provider produces under the OpenAI strict export, once mapped with <c>OpenAiReplyToContract</c>,
/// passes the contract's generated validator; and a contract-valid value, with its absent optional members written
/// as null, is one strict mode allows.
/// </summary>
public sealed class ReplyMappingPropertyTests
{
    private const int ValuesPerSchema = 150;

    private static Lazy<CompiledOutputSchemas> Synthetic => StrictSchemaContracts.CompiledExportable;

    private static readonly Lazy<CompiledOutputSchemas> Real = new(() => CompiledOutputSchemas.From(new GeneratorHarness().WithRepositoryContracts().Run()));

    public static TheoryData<string> Definitions() => new(StrictSchemaContracts.ExportableDefinitions);

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Strict_replies_to_a_synthetic_schema_map_to_values_the_contract_validator_accepts(string definition)
        => AssertStrictRepliesMapToValidValues(Synthetic.Value, StrictSchemaContracts.ClassName(definition), Alexandria.Generators.Emitting.CSharpNaming.ToPascalCase(definition) + "Validator", seed: definition.Length);

    [Fact]
    public void Strict_replies_to_the_planner_map_to_plan_payloads_the_contract_validator_accepts()
        => AssertStrictRepliesMapToValidValues(Real.Value, "PlannerPrompt", "PlanPayloadValidator", seed: 7);

    public static TheoryData<string, string> ContractValues() => new()
    {
        { "flat", """{"name":"a"}""" },
        { "flat", """{"name":"abc","count":3,"tags":["x","y"],"level":2}""" },
        { "nested", """{"home":{"street":"Main"},"note":"hi"}""" },
        { "nested", """{"home":{"street":"Main","zip":"12345"},"history":[{"street":"Old"}],"note":null,"inner":{"deep":{}}}""" },
        { "drawing", """{"shapes":[{"kind":"circle","radius":1},{"kind":"square","side":2,"corner":{"street":"c"}}],"caption":{"street":"s"}}""" },
        { "merged", """{"id":"8a1e2b9c-0d3f-4e5a-9b6c-7d8e9f0a1b2c","weight":3}""" },
        { "tree", """{"name":"root","children":[{"name":"leaf"},{"name":"mid","children":[{"name":"deep"}]}]}""" },
    };

    [Theory]
    [MemberData(nameof(ContractValues))]
    public void A_contract_valid_value_with_nulls_for_absent_members_is_a_strict_value_and_maps_back_to_itself(string definition, string json)
    {
        var schemas = Synthetic.Value.For(StrictSchemaContracts.ClassName(definition));
        Assert.Empty(Synthetic.Value.Validate(Alexandria.Generators.Emitting.CSharpNaming.ToPascalCase(definition) + "Validator", Encoding.UTF8.GetBytes(json)));
        using var strict = JsonDocument.Parse(schemas.OpenAiStrict!);

        var filled = NullFiller.Fill(strict.RootElement, JsonNode.Parse(json)!);

        using (var filledDocument = JsonDocument.Parse(filled.ToJsonString()))
        {
            Assert.True(StrictInstanceChecker.Accepts(strict.RootElement, filledDocument.RootElement), "strict mode would not allow " + filled.ToJsonString());
        }

        var mapped = schemas.OpenAiReplyToContract(Encoding.UTF8.GetBytes(filled.ToJsonString()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(mapped)), "mapped back to " + Encoding.UTF8.GetString(mapped));
    }

    private static void AssertStrictRepliesMapToValidValues(CompiledOutputSchemas compiled, string promptClass, string validator, int seed)
    {
        var schemas = compiled.For(promptClass);
        using var strict = JsonDocument.Parse(schemas.OpenAiStrict!);
        var generator = new StrictInstanceGenerator(strict.RootElement, seed);
        var changed = 0;
        for (var i = 0; i < ValuesPerSchema; i++)
        {
            var reply = Encoding.UTF8.GetBytes(generator.Next()!.ToJsonString());
            using (var replyDocument = JsonDocument.Parse(reply))
            {
                Assert.True(StrictInstanceChecker.Accepts(strict.RootElement, replyDocument.RootElement), "the instance generator made a value strict mode would not allow: " + Encoding.UTF8.GetString(reply));
            }

            var mapped = schemas.OpenAiReplyToContract(reply);
            var errors = compiled.Validate(validator, mapped);
            Assert.True(errors.Count == 0, "strict reply " + Encoding.UTF8.GetString(reply) + "\nmapped to " + Encoding.UTF8.GetString(mapped) + "\nis invalid: " + string.Join("; ", errors));
            changed += mapped.AsSpan().SequenceEqual(reply) ? 0 : 1;
        }

        // The schemas all have optional members, so the mapping must have had work to do.
        Assert.True(changed > ValuesPerSchema / 10, $"only {changed} of {ValuesPerSchema} replies were changed by the mapping");
    }

    /// <summary>Writes null for every member the strict schema requires and the value leaves out (the inverse of the mapping).</summary>
    private static class NullFiller
    {
        public static JsonNode Fill(JsonElement root, JsonNode value) => Fill(root, root, value)!;

        private static JsonNode? Fill(JsonElement root, JsonElement schema, JsonNode? value)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                return Fill(root, ProviderRuleChecker.Resolve(root, reference.GetString()!)!.Value, value);
            }

            if (schema.TryGetProperty("anyOf", out var anyOf))
            {
                foreach (var branch in anyOf.EnumerateArray())
                {
                    var candidate = Fill(root, branch, value?.DeepClone());
                    using var document = JsonDocument.Parse(candidate?.ToJsonString() ?? "null");
                    if (StrictInstanceChecker.Accepts(root, branch, document.RootElement))
                    {
                        return candidate;
                    }
                }

                return value;
            }

            switch (value)
            {
                case JsonObject obj when schema.TryGetProperty("properties", out var properties):
                    foreach (var member in properties.EnumerateObject())
                    {
                        obj[member.Name] = obj.ContainsKey(member.Name) ? Fill(root, member.Value, obj[member.Name]?.DeepClone()) : null;
                    }

                    return obj;
                case JsonArray array when schema.TryGetProperty("items", out var items):
                    var filled = new JsonArray();
                    foreach (var item in array)
                    {
                        filled.Add(Fill(root, items, item?.DeepClone()));
                    }

                    return filled;
                default:
                    return value;
            }
        }
    }
}
