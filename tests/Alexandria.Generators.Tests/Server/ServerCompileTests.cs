using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Server;

public sealed class ServerCompileTests
{
    private const string CompleteServer = """
        using System.Threading;
        using System.Threading.Tasks;
        using Alexandria.Contracts.Server;
        using Contracts = Alexandria.Contracts;

        namespace Consumer;

        // Operation requests are named *OperationRequest, so they never clash with schema types
        // such as create_run_request (CreateRunRequest) when both namespaces are imported.

        public sealed class RunsServer : IRunsServer
        {
            public Task<CreateRunResult> CreateRunAsync(CreateRunOperationRequest request, CancellationToken cancellationToken)
                => Task.FromResult<CreateRunResult>(new CreateRunResult.Created(new Contracts.Run(request.Body.Objective)));

            public Task<GetRunResult> GetRunAsync(GetRunOperationRequest request, CancellationToken cancellationToken)
                => Task.FromResult<GetRunResult>(request.RunId == "missing"
                    ? new GetRunResult.NotFound(new Contracts.ProblemDetails("no run"))
                    : new GetRunResult.Ok(new Contracts.Run(request.RunId)));

            public Task<DeleteRunResult> DeleteRunAsync(DeleteRunOperationRequest request, CancellationToken cancellationToken)
                => Task.FromResult<DeleteRunResult>(new DeleteRunResult.NoContent());

            public static int StatusOf(GetRunResult result)
                => result.Match(ok => ok.StatusCode, notFound => notFound.StatusCode, other => other.Status);
        }
        """;

    private const string Blobs = """
        {
          "openapi": "3.1.0",
          "info": { "title": "Blob service", "version": "1.0.0", "x-alexandria-server-name": "Blobs" },
          "paths": {
            "/blobs/{blobId}": {
              "parameters": [ { "name": "blobId", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "put": {
                "operationId": "putBlob",
                "requestBody": { "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                "responses": { "204": { "description": "Stored." } }
              },
              "get": {
                "operationId": "getBlob",
                "responses": { "200": { "description": "The bytes.", "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } } }
              }
            }
          }
        }
        """;

    private const string BlobServer = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Alexandria.Contracts.Server;

        namespace Consumer;

        public sealed class BlobsServer : IBlobsServer
        {
            public async Task<PutBlobResult> PutBlobAsync(PutBlobOperationRequest request, CancellationToken cancellationToken)
            {
                Stream body = request.Body;
                await body.CopyToAsync(Stream.Null, cancellationToken);
                return new PutBlobResult.NoContent();
            }

            public Task<GetBlobResult> GetBlobAsync(GetBlobOperationRequest request, CancellationToken cancellationToken)
                => Task.FromResult<GetBlobResult>(new GetBlobResult.Ok(new MemoryStream(new byte[] { 1, 2, 3 })));
        }
        """;

    [Fact]
    public void A_binary_body_and_a_binary_response_are_streams_so_bytes_are_never_buffered_into_a_string()
    {
        var model = ServerContracts.Parse(Blobs);

        Assert.Empty(model.Diagnostics);
        Assert.Equal("global::System.IO.Stream", model.Operations.Single(o => o.OperationId == "putBlob").Body!.Type.Name);
        Assert.Equal("global::System.IO.Stream", model.Operations.Single(o => o.OperationId == "getBlob").Responses.Single().Body!.Name);
        var problems = ServerContracts.Problems(ServerContracts.Compile(Blobs, BlobServer));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_server_implementing_every_operation_compiles_without_warnings()
    {
        var problems = ServerContracts.Problems(ServerContracts.Compile(ServerContracts.Runs, CompleteServer));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_server_missing_an_operation_fails_with_CS0535_naming_the_method()
    {
        var incomplete = CompleteServer.Replace(
            "    public Task<DeleteRunResult> DeleteRunAsync(DeleteRunOperationRequest request, CancellationToken cancellationToken)\n"
            + "        => Task.FromResult<DeleteRunResult>(new DeleteRunResult.NoContent());\n",
            "");
        Assert.NotEqual(CompleteServer, incomplete);

        var problems = ServerContracts.Problems(ServerContracts.Compile(ServerContracts.Runs, incomplete));

        var error = Assert.Single(problems);
        Assert.Equal("CS0535", error.Id);
        Assert.Contains("IRunsServer.DeleteRunAsync(DeleteRunOperationRequest, CancellationToken)", error.GetMessage());
        Assert.Equal("Consumer0.cs", error.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_server_cannot_return_a_response_the_operation_does_not_declare()
    {
        // getRun declares 200, 404 and default; there is no 201 case to construct.
        var undeclared = CompleteServer.Replace("new GetRunResult.Ok(new Contracts.Run(request.RunId))", "new GetRunResult.Created(new Contracts.Run(request.RunId))");

        var problems = ServerContracts.Problems(ServerContracts.Compile(ServerContracts.Runs, undeclared));

        var error = Assert.Single(problems);
        Assert.Equal("CS0426", error.Id); // the type name 'Created' does not exist in 'GetRunResult'
    }

    [Fact]
    public void Server_code_of_the_real_openapi_document_compiles_with_a_consumer()
    {
        const string consumer = """
            namespace Consumer;

            public static class EndpointMap
            {
                public static string Describe()
                    => global::Alexandria.Contracts.Server.AlexandriaRuntimeRoutes.GetRunMethod + " " + global::Alexandria.Contracts.Server.AlexandriaRuntimeRoutes.GetRun
                       + " " + global::Alexandria.Contracts.Server.AlexandriaRuntimeOperations.All.Count;
            }
            """;

        new GeneratorHarness().WithRepositoryContracts().WithSource(consumer).Run().AssertCompiles();
    }
}
