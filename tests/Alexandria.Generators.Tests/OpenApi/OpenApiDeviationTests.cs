using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.OpenApi;

/// <summary>What real documents do that the standard does not quite say: each is accepted or refused at its place, never silently.</summary>
public sealed class OpenApiDeviationTests
{
    private const string Path = "/repo/contracts/api.yaml";

    [Fact]
    public void A_swagger_2_0_document_gets_one_error_at_its_version_and_nothing_generated()
    {
        const string text = """
            swagger: "2.0"
            info: { title: Old, version: "1" }
            paths:
              /pets:
                get:
                  responses:
                    "200": { description: OK, schema: { type: object, properties: { id: { type: integer } } } }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("ALX0206", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"2.0\"");
        Assert.StartsWith("'api.yaml' is a Swagger 2.0 document, which Alexandria does not read; convert it to OpenAPI 3.0 or 3.1", diagnostic.GetMessage());
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("api.yaml", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Webhooks_and_callbacks_are_each_reported_as_not_generated_at_their_name()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: Hooks, version: "1" }
            paths:
              /subscriptions:
                post:
                  operationId: subscribe
                  callbacks:
                    onEvent:
                      '{$request.body#/url}':
                        post: { responses: { '200': { description: OK } } }
                  responses: { '201': { description: Created } }
            webhooks:
              newPet:
                post:
                  requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
                  responses: { '200': { description: OK } }
            components:
              schemas:
                Pet: { type: object, properties: { name: { type: string } } }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var skipped = run.GeneratorDiagnostics.Where(d => d.Id == "ALX0208").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.All(skipped, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        ContractTextPosition.AssertAt(skipped[0], Path, text, "onEvent");
        ContractTextPosition.AssertAt(skipped[1], Path, text, "newPet");
        Assert.StartsWith("Webhook 'newPet' is not generated: webhooks are requests the API sends", skipped[1].GetMessage());
        Assert.Contains(run.Sources, s => s.HintName == "api.yaml.Pet.g.cs");
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_at_its_line_and_column()
    {
        const string text = "openapi: 3.1.0\ninfo:\n  title: \"Broken\n";

        var diagnostic = Assert.Single(new GeneratorHarness().WithContract(Path, text).Run().GeneratorDiagnostics);

        Assert.Equal(("ALX0005", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal((2, 9), Start(diagnostic));
        Assert.Equal("'api.yaml' is not valid YAML: Unterminated double-quoted string.", diagnostic.GetMessage());
    }

    [Fact]
    public void Each_truly_unconstrained_body_is_listed_as_JsonElement_at_its_schema()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: Any, version: "1" }
            paths:
              /echo:
                post:
                  operationId: echo
                  requestBody: { content: { application/json: { schema: {} } } }
                  responses: { '200': { description: OK, content: { application/json: { schema: { type: object, properties: { a: { type: string } } } } } } }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var untyped = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0210");
        ContractTextPosition.AssertAt(untyped, Path, text, "{}");
        Assert.Equal("The request body of echo is typed as JsonElement: its schema is '{}', which allows any value", untyped.GetMessage());
        Assert.Contains("global::Alexandria.Contracts.EchoOkResponse Body", run.Source("api.yaml.Server.Echo.g.cs"));
    }

    [Fact]
    public void A_media_type_or_parameter_with_no_schema_is_listed_as_JsonElement_at_its_place()
    {
        const string text = """
            openapi: 3.0.0
            info: { title: Any, version: "1" }
            paths:
              /echo:
                post:
                  operationId: echo
                  parameters:
                    - { name: filter, in: query, content: { application/json: {} } }
                  requestBody: { content: { application/json: { examples: { a: { value: 1 } } } } }
                  responses:
                    '200':
                      description: OK
                      content:
                        text/plain: { example: hi }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var untyped = run.GeneratorDiagnostics.Where(d => d.Id == "ALX0210").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(3, untyped.Count);
        ContractTextPosition.AssertAt(untyped[0], Path, text, "{ name: filter, in: query, content: { application/json: {} } }");
        Assert.Equal("Parameter 'filter' of echo is typed as JsonElement: it declares no schema, so any value is accepted", untyped[0].GetMessage());
        ContractTextPosition.AssertAt(untyped[1], Path, text, "{ examples: { a: { value: 1 } } }");
        Assert.Equal("The request body of echo is typed as JsonElement: it declares no schema, so any value is accepted", untyped[1].GetMessage());
        ContractTextPosition.AssertAt(untyped[2], Path, text, "{ example: hi }");
        Assert.Equal("The 200 response of echo is typed as JsonElement: it declares no schema, so any value is accepted", untyped[2].GetMessage());
    }

    [Fact]
    public void A_multi_line_summary_and_a_nullable_component_as_an_optional_parameter_compile()
    {
        // Both from OpenAI's document: a summary of several lines ended the operations table's doc comment after its
        // first line, and a query parameter whose schema is a nullable map was written 'IReadOnlyDictionary<…>??'.
        const string text = """
            openapi: 3.1.0
            info: { title: Chat, version: "1" }
            paths:
              /chat:
                get:
                  operationId: listChats
                  summary: |
                    Lists chats.

                    Returns `json` <or> a stream.
                  parameters:
                    - { name: metadata, in: query, schema: { $ref: '#/components/schemas/Metadata' } }
                  responses: { '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Metadata' } } } } }
            components:
              schemas:
                Metadata:
                  anyOf:
                    - { type: object, additionalProperties: { type: string } }
                    - { type: "null" }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        Assert.Contains("public global::System.Collections.Generic.IReadOnlyDictionary<string, string>? Metadata { get; init; }", run.Source("api.yaml.Server.ListChats.g.cs"));
        var operations = run.Sources.Single(s => s.HintName.EndsWith("Operations.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("/// <c>GET /chat</c>: Lists chats.\n", operations);
        Assert.Contains("/// Returns `json` &lt;or&gt; a stream.\n", operations);
    }

    [Fact]
    public void Unconstrained_members_items_and_map_values_are_each_listed_as_JsonElement_at_their_schema()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: Any, version: "1" }
            paths: {}
            components:
              schemas:
                Profile:
                  type: object
                  properties:
                    websites: { description: The websites }
                    fields: { type: [object, "null"] }
                    rows: { type: array, items: { type: object, additionalProperties: { type: object } } }
                    tags: { type: array }
                    mixed: { type: [string, integer] }
                    name: { type: string }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var untyped = run.GeneratorDiagnostics.Where(d => d.Id == "ALX0120").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(3, untyped.Count);
        Assert.All(untyped, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        ContractTextPosition.AssertAt(untyped[0], Path, text, "{ description: The websites }");
        Assert.Equal("Schema '#/$defs/Profile/properties/websites' is typed as JsonElement: the schema declares no type, properties or composition, so any value is accepted", untyped[0].GetMessage());
        ContractTextPosition.AssertAt(untyped[1], Path, text, "{ type: array }");
        Assert.EndsWith("its items have no schema, so any value is accepted", untyped[1].GetMessage());
        ContractTextPosition.AssertAt(untyped[2], Path, text, "{ type: [string, integer] }");
        Assert.EndsWith("a value of several types (string, integer) has no single C# type", untyped[2].GetMessage());

        // An object with nothing declared is still an object: a map of JsonElement, not an untyped place.
        const string map = "global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Text.Json.JsonElement>";
        var profile = run.Source("api.yaml.Profile.g.cs");
        Assert.Contains("Optional<" + map + "?> Fields", profile);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.IReadOnlyDictionary<string, " + map + ">>? Rows", profile);
    }

    [Fact]
    public void Three_point_zero_habits_in_a_3_1_document_are_accepted_with_warnings_where_they_are_written()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: Mixed, version: "1" }
            paths:
              /items/{id}:
                get:
                  operationId: getItem
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: string } }
                    - { name: ghost, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
            components:
              schemas:
                Item:
                  type: object
                  required: [id, id]
                  properties:
                    id: { type: string }
                    note: { type: string, nullable: true }
                    parent: { $recursiveRef: '#' }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var warnings = run.GeneratorDiagnostics.Where(d => d.Id == "ALX0209").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        ContractTextPosition.AssertAt(warnings[0], Path, text, "ghost");
        ContractTextPosition.AssertAt(warnings[1], Path, text, "id", occurrence: 3);
        ContractTextPosition.AssertAt(warnings[2], Path, text, "nullable");
        ContractTextPosition.AssertAt(warnings[3], Path, text, "$recursiveRef");
        Assert.Equal("'nullable: true' is OpenAPI 3.0 syntax in a 3.1 document; Alexandria reads it as 'null' added to the schema's 'type' (and 'enum')", warnings[2].GetMessage());
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("Optional<string?> Note", run.Source("api.yaml.Item.g.cs"));
        Assert.Contains("global::Alexandria.Contracts.Item? Parent", run.Source("api.yaml.Item.g.cs"));
    }

    [Fact]
    public void Keys_in_any_order_are_read_the_same_components_before_openapi_included()
    {
        const string text = """
            components:
              schemas:
                Item: { type: object, properties: { id: { type: string } } }
            info: { title: Sorted, version: "1" }
            openapi: 3.0.3
            paths:
              /items:
                get:
                  operationId: listItems
                  responses: { '200': { description: OK, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Item' } } } } } }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Ok(global::System.Collections.Generic.IReadOnlyList<global::Alexandria.Contracts.Item> Body)", run.Source("api.yaml.Server.ListItems.g.cs"));
    }

    private static (int Line, int Column) Start(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line, start.Character);
    }
}
