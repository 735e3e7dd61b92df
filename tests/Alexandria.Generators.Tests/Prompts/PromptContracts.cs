using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting.Prompts;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;
using Alexandria.Generators.Parsing.Prompts;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Prompts;

/// <summary>Synthetic prompt manifests, and the means to run the prompt area alone with chosen exports.</summary>
internal static class PromptContracts
{
    public const string ManifestPath = "/repo/contracts/prompts_manifest.json";

    /// <summary>Exercises every variable type, an optional variable, two breakpoints, an output type and a code template.</summary>
    public const string Triage = """
        {
          "manifest_version": "2.1.0",
          "rendering": {
            "placeholder": "{{name}}",
            "string_list_item_prefix": "- ",
            "string_list_separator": "\n",
            "empty_list": "(none)",
            "boolean_true": "yes",
            "boolean_false": "no",
            "absent_optional": "n/a"
          },
          "prompts": [
            {
              "id": "triage",
              "version": "1.2.0",
              "kind": "model_prompt",
              "role": "system",
              "description": "Triages a <ticket> & routes it.",
              "template": "You triage tickets.\nTools:\n{{tools}}\n\nTicket {{ticket_id}} (priority {{priority}}, urgent: {{urgent}}):\n{{body}}\nLabels:\n{{labels}}\nNote: {{note}}\n",
              "template_sha256": "c8f0166c6e200d75a1b465215a2eb79a130d4d2bf8eabfb55ceb9861def56431",
              "variables": [
                { "name": "tools", "type": "string", "description": "Tool catalog.", "required": true, "volatility": "static" },
                { "name": "ticket_id", "type": "integer", "description": "Ticket number.", "required": true, "volatility": "run" },
                { "name": "priority", "type": "number", "description": "Priority score.", "required": true, "volatility": "run" },
                { "name": "urgent", "type": "boolean", "description": "Whether the ticket is urgent.", "required": true, "volatility": "run" },
                { "name": "body", "type": "string", "description": "Ticket body.", "required": true, "volatility": "step" },
                { "name": "labels", "type": "string_list", "description": "Labels, sorted.", "required": true, "volatility": "step" },
                { "name": "note", "type": "string", "description": "Optional reviewer note.", "required": false, "volatility": "step" }
              ],
              "output_schema": { "$ref": "output_schema.json#/$defs/triage_result" },
              "cache_breakpoints": [
                { "name": "instructions", "before_variable": "ticket_id" },
                { "name": "ticket", "before_variable": "body" }
              ]
            },
            {
              "id": "summary_note",
              "version": "1.0.0",
              "kind": "code_template",
              "role": null,
              "description": "Summary line rendered by code.",
              "template": "Summary of \"{{title}}\": {{lines}}",
              "template_sha256": "992aed5943f91a02eab0a9cf613c5d80a1cc34d0716a0eca1f427c99f28c08c4",
              "variables": [
                { "name": "title", "type": "string", "description": "Title.", "required": true, "volatility": "snapshot" },
                { "name": "lines", "type": "string_list", "description": "Lines.", "required": false, "volatility": "snapshot" }
              ],
              "output_schema": null,
              "cache_breakpoints": []
            }
          ]
        }
        """;

    /// <summary>A stand-in for the record the schema area generates for <c>$defs/triage_result</c>.</summary>
    public const string OutputTypes = """
        namespace Alexandria.Contracts
        {
            public sealed record TriageResult(string Queue);
        }
        """;

    public static readonly EquatableArray<SchemaExport> Exports = new(
    [
        new SchemaExport("output_schema.json", "/$defs/triage_result", "global::Alexandria.Contracts.TriageResult", "global::Alexandria.Contracts.TriageResultValidator"),
    ]);

    public static PromptManifestModel Parse(string manifest, EquatableArray<SchemaExport>? exports = null)
        => PromptManifestParser.Parse(
            new ContractFile(ManifestPath, "prompts_manifest.json", manifest, GeneratorHarness.TestNamespace),
            exports ?? Exports);

    public static IReadOnlyList<GeneratedSource> Emit(string manifest, EquatableArray<SchemaExport>? exports = null)
    {
        var model = Parse(manifest, exports);
        Assert.Empty(model.Diagnostics);
        return PromptEmitter.Emit(model.WithoutDiagnostics()).ToList();
    }

    /// <summary>Compiles the emitted accessors with the stand-in output types and any consumer code.</summary>
    public static CSharpCompilation Compile(string manifest, params string[] consumerSources)
    {
        var harness = new GeneratorHarness().WithSource(OutputTypes, "OutputTypes.cs");
        for (var i = 0; i < consumerSources.Length; i++)
        {
            harness.WithSource(consumerSources[i], "Consumer" + i + ".cs");
        }

        var trees = Emit(manifest).Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratorHarness.ParseOptions, s.HintName));
        return harness.CreateCompilation().AddSyntaxTrees(trees);
    }

    public static void AssertNoWarningsOrErrors(Compilation compilation)
    {
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(40)));
    }
}
