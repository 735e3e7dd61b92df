using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing;
using Alexandria.Generators.Parsing.Validation;
using Json.Schema;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>
/// JsonSchema.Net 8.0.5 judging a document's examples against the same schema view the generator reads (the
/// document's schemas as <c>$defs</c>, OpenAPI 3.0 rewritten to 2020-12 meaning, so <c>nullable</c> means what it
/// says), formats asserted as ours are. It confirms a listed example defect is one: an independent validator rejects
/// the example at the same place for the same keyword.
/// </summary>
internal sealed class SecondValidator
{
    private const string BaseUri = "https://alexandria.invalid/realworld/view.json";

    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    /// <summary>2020-12, accepting the OpenAPI keywords it does not know (<c>discriminator</c>, <c>x-twilio</c>) as annotations.</summary>
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry(), Dialect = global::Json.Schema.Dialect.Draft202012.With([], allowUnknownKeywords: true) };
    private readonly Dictionary<string, JsonSchema> _definitions = new(StringComparer.Ordinal);

    public SecondValidator(string path, string text)
    {
        var file = new ContractFile(path, System.IO.Path.GetFileName(path), text, "Alexandria.Contracts");
        var view = ContractDocument.LoadSchemas(file, new List<DiagnosticInfo>())!.Root;
        JsonSchema.FromText(JsonText.Write(view), _build, new Uri(BaseUri));
    }

    /// <summary>The (instance pointer, keyword) of every error JsonSchema.Net reports; empty when it finds the example valid.</summary>
    public IReadOnlyList<(string Instance, string Keyword)> Errors(string definition, JsonElement example)
    {
        if (!_definitions.TryGetValue(definition, out var schema))
        {
            var reference = BaseUri + "#/$defs/" + Uri.EscapeDataString(JsonDocumentParser.EscapePointerToken(definition));
            schema = JsonSchema.FromText("{\"$ref\": " + JsonSerializer.Serialize(reference) + "}", _build, new Uri("https://alexandria.invalid/realworld/" + Uri.EscapeDataString(definition)));
            _definitions[definition] = schema;
        }

        var results = schema.Evaluate(example, Options);
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Keys.Select(keyword => (d.InstanceLocation.ToString(), keyword)))
            .ToList();
    }
}
