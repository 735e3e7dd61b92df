using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.OpenApi;

public sealed class OperationNamingTests
{
    private const string Path = "/repo/contracts/api.yaml";

    [Fact]
    public void An_operationId_equal_to_another_operations_route_constant_takes_the_next_free_name_with_a_warning()
    {
        // As in OpenAI's published description: getThread's route constant is GetThreadMethod.
        const string text = """
            openapi: 3.1.0
            info: { title: Threads, version: "1" }
            paths:
              /threads/{id}:
                get: { operationId: getThread, parameters: [ { name: id, in: path, required: true, schema: { type: string } } ], responses: { '200': { description: OK } } }
              /chatkit/threads/{id}:
                get: { operationId: GetThreadMethod, parameters: [ { name: id, in: path, required: true, schema: { type: string } } ], responses: { '200': { description: OK } } }
            """;

        var run = new GeneratorHarness().WithContract(Path, text).Run().AssertCompiles();

        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("ALX0209", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        ContractTextPosition.AssertAt(warning, Path, text, "GetThreadMethod");
        Assert.EndsWith("Alexandria reads it as 'GetThreadMethod2'", warning.GetMessage());
        Assert.Contains("GetThreadMethod2Async(", run.Source("api.yaml.Server.IThreadsServer.g.cs"));
    }
}
