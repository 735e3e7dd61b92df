using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Contracts;
using Json.Schema;
using Xunit.Abstractions;

namespace Alexandria.Differential.Tests;

/// <summary>
/// Issue 16, item 4: JsonSchema.Net 8.0.5 (a full draft 6 – 2020-12 validator) as a second oracle on the same
/// 12,000 instances of Alexandria's own contracts as the NJsonSchema test. Unlike NJsonSchema it evaluates every
/// 2020-12 keyword, so the two validators must agree on every instance except the documented disagreements
/// (docs/differential.md), each of which is pinned here with the side that is wrong.
/// </summary>
public sealed class JsonSchemaNetDifferentialTests(ITestOutputHelper output)
{
    /// <summary>output_schema.json's own <c>$id</c>.</summary>
    private const string BaseUri = "https://alexandria.dev/contracts/output_schema.json";

    /// <summary>Formats are asserted on both sides: Alexandria asserts them in <c>$defs</c> contracts by default.</summary>
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.Flag };

    /// <summary>
    /// A <c>{"$ref": "…#/$defs/name"}</c> schema per definition of contracts/output_schema.json, built against a
    /// private registry so nothing leaks between tests.
    /// </summary>
    public static Func<string, JsonSchema> LoadDefinitions()
    {
        var text = File.ReadAllText(Path.Combine(InstanceGenerator.RepoRoot(), "contracts", "output_schema.json"));
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(text, build, new Uri(BaseUri));
        var cache = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        return definition =>
        {
            if (!cache.TryGetValue(definition, out var schema))
            {
                schema = JsonSchema.FromText("{\"$ref\": \"" + BaseUri + "#/$defs/" + definition + "\"}", build, new Uri("https://alexandria.invalid/differential/" + definition));
                cache[definition] = schema;
            }

            return schema;
        };
    }

    [Fact]
    public void Generated_validators_agree_with_JsonSchema_Net_on_every_instance_but_the_explained_ones()
    {
        var definitions = LoadDefinitions();
        var instances = InstanceGenerator.Generate(DifferentialTests.InstanceCount);
        var categories = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new Dictionary<string, string>();
        var unexplained = new List<string>();
        int agree = 0, oursValid = 0, theirsValid = 0;

        foreach (var instance in instances)
        {
            Assert.True(OutputSchemaValidators.TryValidate(instance.Definition, Encoding.UTF8.GetBytes(instance.Json), out var ours), "unknown definition " + instance.Definition);
            using var document = JsonDocument.Parse(instance.Json);
            var theirValid = definitions(instance.Definition).Evaluate(document.RootElement, Options).IsValid;
            oursValid += ours.IsValid ? 1 : 0;
            theirsValid += theirValid ? 1 : 0;
            if (ours.IsValid == theirValid)
            {
                agree++;
                continue;
            }

            var category = Classify(ours.IsValid, ours.Errors.Select(e => (e.Keyword, e.Message)).ToList());
            if (category is null)
            {
                unexplained.Add($"{instance.Definition} [{instance.Origin}] ours={ours.IsValid} JsonSchema.Net={theirValid}: {string.Join("; ", ours.Errors.Take(4))}\n  {instance.Json[..Math.Min(300, instance.Json.Length)]}");
                continue;
            }

            categories[category] = categories.GetValueOrDefault(category) + 1;
            examples.TryAdd(category, $"{instance.Definition} [{instance.Origin}]");
        }

        var report = new StringBuilder();
        report.AppendLine($"instances: {instances.Count}; Alexandria valid: {oursValid}, JsonSchema.Net valid: {theirsValid}; agree: {agree}");
        foreach (var (category, count) in categories)
        {
            report.AppendLine($"  {count,6}  {category}   e.g. {examples[category]}");
        }

        report.AppendLine($"unexplained: {unexplained.Count}");
        foreach (var line in unexplained.Take(30))
        {
            report.AppendLine(line);
        }

        output.WriteLine(report.ToString());
        Assert.True(unexplained.Count == 0, "unexplained disagreements with JsonSchema.Net:\n" + report);
        // Pinned (docs/differential.md): the instances are deterministic, so a change in either count is news.
        Assert.Equal(26, categories.GetValueOrDefault(UuidWithWhitespace));
        Assert.Equal(10, categories.GetValueOrDefault(UriReferenceWithColon));
        Assert.True(agree >= instances.Count * 0.99, $"agreement with JsonSchema.Net too low: {agree}/{instances.Count}");
    }

    public const string UuidWithWhitespace = "JsonSchema.Net wrong: accepts a uuid with surrounding whitespace";

    public const string UriReferenceWithColon = "JsonSchema.Net wrong: accepts a uri-reference whose first segment holds a colon";

    /// <summary>The documented disagreements (docs/differential.md), or null for a new one.</summary>
    public static string? Classify(bool ourValid, IReadOnlyList<(string Keyword, string Message)> ourErrors)
    {
        var leaves = ourErrors.Where(e => !DifferentialTests.Combinators.Contains(e.Keyword)).ToList();
        if (ourValid || leaves.Count == 0 || leaves.Any(e => e.Keyword != "format"))
        {
            return null;
        }

        // RFC 4122's string representation (what 2020-12 "uuid" names) has no whitespace; JsonSchema.Net parses
        // with Guid.TryParse, which trims it.
        if (leaves.All(e => e.Message.EndsWith(" is not a UUID", StringComparison.Ordinal) && Quoted(e.Message) is { } value && value.Trim() != value))
        {
            return UuidWithWhitespace;
        }

        // RFC 3986: a relative reference's first segment (path-noscheme) may not contain ':', and a scheme must start
        // with a letter, so "2026-13-45T25:61:00Z" is neither a URI nor a relative reference.
        if (leaves.All(e => e.Message.EndsWith(" is not a URI reference", StringComparison.Ordinal) && Quoted(e.Message) is { } reference
                && !char.IsAsciiLetter(reference[0]) && reference.Split('/', '?', '#')[0].Contains(':')))
        {
            return UriReferenceWithColon;
        }

        return null;
    }

    /// <summary>The instance value an error message quotes first (<c>"…" is not a UUID</c>).</summary>
    private static string? Quoted(string message)
    {
        var start = message.IndexOf('"');
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start + 1 ? message.Substring(start + 1, end - start - 1) : null;
    }
}
