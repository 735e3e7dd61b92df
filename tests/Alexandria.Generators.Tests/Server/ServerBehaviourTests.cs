using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Alexandria.Generators.Tests.Server;

public sealed class ServerBehaviourTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        using var stream = new MemoryStream();
        var result = ServerContracts.Compile(ServerContracts.Runs).Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    });

    [Fact]
    public void The_operations_table_lists_every_operation_in_document_order_with_route_method_types_and_success_status()
    {
        var table = Type("RunsOperations");
        var all = ((IEnumerable)table.GetProperty("All")!.GetValue(null)!).Cast<object>().ToList();

        var rows = all.Select(o => (
            (string)Get(o, "OperationId")!,
            (string)Get(o, "Method")!,
            (string)Get(o, "RouteTemplate")!,
            ((Type)Get(o, "RequestType")!).Name,
            ((Type?)Get(o, "RequestBodyType"))?.Name,
            ((Type)Get(o, "ResultType")!).Name,
            (int?)Get(o, "SuccessStatusCode")));
        Assert.Equal(
            [
                ("createRun", "POST", "/runs", "CreateRunOperationRequest", "CreateRunRequest", "CreateRunResult", 201),
                ("getRun", "GET", "/runs/{runId}", "GetRunOperationRequest", null, "GetRunResult", 200),
                ("deleteRun", "DELETE", "/runs/{runId}", "DeleteRunOperationRequest", null, "DeleteRunResult", (int?)204),
            ],
            rows);
    }

    [Fact]
    public void Route_constants_hold_the_path_template_and_the_method()
    {
        var routes = Type("RunsRoutes");

        Assert.Equal("/runs/{runId}", routes.GetField("GetRun")!.GetValue(null));
        Assert.Equal("GET", routes.GetField("GetRunMethod")!.GetValue(null));
    }

    [Fact]
    public void Each_result_case_carries_its_status_code_and_content_type()
    {
        var run = Compiled.Value.GetType("Alexandria.Contracts.Run")!;
        var ok = Activator.CreateInstance(Type("GetRunResult+Ok"), Activator.CreateInstance(run, "r1"))!;
        var noContent = Activator.CreateInstance(Type("DeleteRunResult+NoContent"))!;
        var problem = Activator.CreateInstance(Compiled.Value.GetType("Alexandria.Contracts.Problem")!, "teapot");
        var clientError = Activator.CreateInstance(Type("CreateRunResult+ClientError"), 418, problem)!;

        Assert.Equal((200, "application/json"), ((int)Get(ok, "StatusCode")!, (string?)Get(ok, "ContentType")));
        Assert.Equal((204, null), ((int)Get(noContent, "StatusCode")!, (string?)Get(noContent, "ContentType")));
        Assert.Equal((418, "application/problem+json"), ((int)Get(clientError, "StatusCode")!, (string?)Get(clientError, "ContentType")));
    }

    private static Type Type(string name) => Compiled.Value.GetType("Alexandria.Contracts.Server." + name, throwOnError: true)!;

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);
}
