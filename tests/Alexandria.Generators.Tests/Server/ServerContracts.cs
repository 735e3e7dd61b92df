using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting.Server;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;
using Alexandria.Generators.Parsing.OpenApi;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Server;

/// <summary>Synthetic OpenAPI documents, and the means to run the server area alone with chosen exports.</summary>
internal static class ServerContracts
{
    public const string OpenApiPath = "/repo/contracts/openapi.json";

    /// <summary>Path, query and header parameters, a cross-file body, local components, exact, ranged and default responses.</summary>
    public const string Runs = """
        {
          "openapi": "3.1.0",
          "info": { "title": "Run service", "version": "2.0.0", "x-alexandria-server-name": "Runs" },
          "paths": {
            "/runs": {
              "post": {
                "operationId": "createRun",
                "summary": "Create a run",
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "output_schema.json#/$defs/create_run_request" } } }
                },
                "responses": {
                  "201": { "description": "Created.", "content": { "application/json": { "schema": { "$ref": "output_schema.json#/$defs/run" } } } },
                  "4XX": { "description": "Client error.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/problem" } } } }
                }
              }
            },
            "/runs/{runId}": {
              "parameters": [
                { "name": "runId", "in": "path", "required": true, "description": "Run id.", "schema": { "type": "string" } }
              ],
              "get": {
                "operationId": "getRun",
                "summary": "Get a run",
                "parameters": [
                  { "name": "X-Trace-Id", "in": "header", "required": false, "schema": { "type": "string", "format": "uuid" } },
                  { "name": "include_events", "in": "query", "schema": { "type": "boolean" } },
                  { "name": "limit", "in": "query", "schema": { "$ref": "#/components/schemas/page_size" } }
                ],
                "responses": {
                  "200": { "description": "The run.", "content": { "application/json": { "schema": { "$ref": "output_schema.json#/$defs/run" } } } },
                  "404": { "description": "No such run.", "content": { "application/problem+json": { "schema": { "$ref": "output_schema.json#/$defs/problem_details" } } } },
                  "default": { "description": "Anything else.", "content": { "application/problem+json": { "schema": { "$ref": "output_schema.json#/$defs/problem_details" } } } }
                }
              },
              "delete": {
                "operationId": "deleteRun",
                "responses": {
                  "204": { "description": "Deleted." }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "page_size": { "type": "integer", "minimum": 1 },
              "problem": { "type": "object", "properties": { "title": { "type": "string" } } }
            }
          }
        }
        """;

    /// <summary>Stand-ins for the records the schema area generates.</summary>
    public const string SchemaTypes = """
        namespace Alexandria.Contracts
        {
            public sealed record Run(string RunId);
            public sealed record CreateRunRequest(string Objective);
            public sealed record ProblemDetails(string Title);
            public sealed record Problem(string? Title);
        }
        """;

    public static readonly EquatableArray<SchemaExport> Exports = new(
    [
        Export("create_run_request", "CreateRunRequest"),
        Export("problem_details", "ProblemDetails"),
        Export("run", "Run"),

        // What the types area exports from the document's own schema view (components.schemas.problem).
        new("openapi.json", "/$defs/problem", "global::Alexandria.Contracts.Problem", "global::Alexandria.Contracts.ProblemValidator"),
    ]);

    public static OpenApiModel Parse(string document, EquatableArray<SchemaExport>? exports = null)
        => OpenApiParser.Parse(new ContractFile(OpenApiPath, "openapi.json", document, GeneratorHarness.TestNamespace), exports ?? Exports);

    public static IReadOnlyList<GeneratedSource> Emit(string document)
    {
        var model = Parse(document);
        Assert.Empty(model.Diagnostics);
        return ServerEmitter.Emit(model.WithoutDiagnostics()).ToList();
    }

    public static CSharpCompilation Compile(string document, params string[] consumerSources)
    {
        var harness = new GeneratorHarness().WithSource(SchemaTypes, "SchemaTypes.cs");
        for (var i = 0; i < consumerSources.Length; i++)
        {
            harness.WithSource(consumerSources[i], "Consumer" + i + ".cs");
        }

        var trees = Emit(document).Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratorHarness.ParseOptions, s.HintName));
        return harness.CreateCompilation().AddSyntaxTrees(trees);
    }

    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private static SchemaExport Export(string definition, string type)
        => new("output_schema.json", "/$defs/" + definition, "global::Alexandria.Contracts." + type, "global::Alexandria.Contracts." + type + "Validator");
}
