using System.Collections.Generic;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Server;

public sealed class ServerDiagnosticsTests
{
    private const string Path = ServerContracts.OpenApiPath;
    private const string Ok = """{ "200": { "description": "OK." } }""";

    [Fact]
    public void An_operation_without_operationId_is_named_from_its_method_and_path_with_an_info_at_its_method()
    {
        var text = Document(""""
            "/runs/{runId}/events": {
              "get": { "summary": "List events", "parameters": [ { "name": "runId", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": {{OK}} }
            }
            """");

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("ALX0201", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"get\"");
        Assert.Equal((5, 6), Start(diagnostic));
        Assert.Equal(
            "Operation 'GET /runs/{runId}/events' has no operationId; its server method is named 'GetRunsByRunIdEventsAsync' from its method and path (add an operationId to choose the name)",
            diagnostic.GetMessage());
        Assert.Contains("GetRunsByRunIdEventsAsync(", run.Source("openapi.Server.IRunsServer.g.cs"));
    }

    [Fact]
    public void A_duplicate_operationId_is_reported_at_the_second_one()
    {
        var text = Document(""""
            "/runs": {
              "get": { "operationId": "listRuns", "responses": {{OK}} },
              "post": { "operationId": "listRuns", "responses": {{OK}} }
            }
            """");

        var diagnostic = Single(text, "ALX0202");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"listRuns\"", occurrence: 1);
    }

    [Fact]
    public void An_openapi_version_other_than_3_0_or_3_1_is_reported_at_the_version()
    {
        var text = Document(""""
            "/runs": {
              "get": { "operationId": "listRuns", "responses": {{OK}} }
            }
            """", version: "4.0.0");

        var diagnostic = Single(text, "ALX0203");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"4.0.0\"");
        Assert.Equal((1, 13), Start(diagnostic));
    }

    [Fact]
    public void A_body_schema_no_contract_exports_is_an_unresolved_reference_at_the_ref()
    {
        // No schema contract is among the inputs, so nothing exports create_run_request.
        var text = Document(""""
            "/runs": {
              "post": {
                "operationId": "createRun",
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "output_schema.json#/$defs/create_run_request" } } } },
                "responses": {{OK}}
              }
            }
            """");

        var diagnostic = Single(text, "ALX0101");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"output_schema.json#/$defs/create_run_request\"");
    }

    [Fact]
    public void A_local_component_reference_to_nothing_is_an_unresolved_reference_at_the_ref()
    {
        var text = Document(""""
            "/runs": {
              "get": {
                "operationId": "listRuns",
                "responses": { "200": { "description": "OK.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/run_list" } } } } }
              }
            }
            """");

        var diagnostic = Single(text, "ALX0101");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"#/components/schemas/run_list\"");
    }

    [Fact]
    public void OperationIds_that_generate_the_same_csharp_name_are_reported_at_the_second()
    {
        var text = Document(""""
            "/runs": {
              "get": { "operationId": "listRuns", "responses": {{OK}} },
              "post": { "operationId": "list_runs", "responses": {{OK}} }
            }
            """");

        var diagnostic = Single(text, "ALX0204");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"list_runs\"");
        Assert.Contains("'ListRuns'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_route_parameter_without_a_declaration_is_reported_at_the_route()
    {
        var text = Document(""""
            "/runs/{runId}": {
              "get": { "operationId": "getRun", "responses": {{OK}} }
            }
            """");

        var diagnostic = Single(text, "ALX0205");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"/runs/{runId}\"");
        Assert.Contains("no path parameter 'runId'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_response_key_that_is_not_a_status_is_reported_at_the_key()
    {
        var text = Document(""""
            "/runs": {
              "get": { "operationId": "listRuns", "responses": { "2OO": { "description": "Typo." }, "200": { "description": "OK." } } }
            }
            """");

        var diagnostic = Single(text, "ALX0205");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"2OO\"");
    }

    [Fact]
    public void The_real_openapi_document_has_no_openapi_diagnostics()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id.StartsWith("ALX02", System.StringComparison.Ordinal));
        Assert.Empty(ServerContracts.Parse(ServerContracts.Runs).Diagnostics);
    }

    private static Diagnostic Single(string document, string id)
    {
        var diagnostics = Diagnostics(document);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(string document)
        => new GeneratorHarness().WithContract(Path, document).Run().GeneratorDiagnostics;

    private static (int Line, int Column) Start(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line, start.Character);
    }

    // Paths start on line 4, so the first operation's method is on line 5.
    private static string Document(string paths, string version = "3.1.0")
        => "{\n  \"openapi\": \"" + version + "\",\n  \"info\": { \"title\": \"Runs\", \"version\": \"1.0.0\" },\n  \"paths\": {\n"
           + Indent(paths.Replace("{{OK}}", Ok)) + "\n  }\n}\n";

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ");
}
