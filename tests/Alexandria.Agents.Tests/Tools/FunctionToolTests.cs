using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Microsoft.Extensions.AI;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Tools;

/// <summary>
/// Functions users already wrote for <c>Microsoft.Extensions.AI</c> plug into the loop as tools (issue 13 item 4):
/// catalog entry from the function's schema, arguments bound by name, a returned list paged by the guard, an argument
/// mistake and an exception turned into error observations.
/// </summary>
public sealed class FunctionToolTests
{
    private sealed class Forecasts
    {
        public int Calls;

        public IReadOnlyList<string> Forecast(string city, int days)
        {
            Interlocked.Increment(ref Calls);
            return Enumerable.Range(1, days).Select(d => $"{city} day {d}: sunny").ToList();
        }
    }

    [Theory]
    [InlineData("GetForecast", "get_forecast")]
    [InlineData("getForecast", "get_forecast")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Get Forecast2", "get_forecast2")]
    [InlineData("search.docs", "search.docs")]
    public void Function_names_become_catalog_names(string functionName, string expected) =>
        Assert.Equal(expected, FunctionTool.SnakeCase(functionName));

    [Fact]
    public void The_catalog_shows_the_function_description_and_schema()
    {
        var tool = new FunctionTool(AIFunctionFactory.Create(new Forecasts().Forecast, "GetForecast", "Daily forecast for a city."));
        var catalog = new ToolRegistry([tool]).Catalog();

        Assert.StartsWith("- get_forecast: Daily forecast for a city.\n  input schema: {", catalog, StringComparison.Ordinal);
        using var schema = JsonDocument.Parse(tool.InputSchema);
        Assert.Equal(["city", "days"], schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(tool.IsIdempotent);
    }

    [Fact]
    public async Task The_loop_calls_a_function_and_the_guard_pages_its_list()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var forecasts = new Forecasts();
        var tools = new ToolRegistry([new FunctionTool(AIFunctionFactory.Create(forecasts.Forecast, "GetForecast", "Daily forecast."), isIdempotent: true)]);
        var client = new ScriptedChatClient(Of(
            Planner(Next("Get the forecast.")),
            Executor(Act("get_forecast", """{"city":"Oslo","days":14}""", Call(1)), Contains("get_forecast: Daily forecast.")),
            Planner(Done, Contains("Oslo day 1: sunny"))));

        var result = await new AgentRunner(harness.Store.Store, client, tools).RunAsync("run-1", "Get the forecast.");

        Assert.True(result.Status == AgentRunStatus.Completed, result.Message);
        Assert.Equal(1, forecasts.Calls);
        var observe = Assert.Single((await harness.EventsAsync()).OfType<ObserveEvent>());
        Assert.Equal(ObserveStatus.Ok, observe.Payload.Status);
        Assert.Equal(14, observe.Payload.Pagination!.TotalItems);
        Assert.True(observe.Payload.Pagination.Truncated);
    }

    [Fact]
    public async Task A_missing_argument_is_an_argument_error_at_its_pointer_and_the_function_does_not_run()
    {
        var forecasts = new Forecasts();
        var tool = new FunctionTool(AIFunctionFactory.Create(forecasts.Forecast, "GetForecast"));
        using var arguments = JsonDocument.Parse("""{"city":"Oslo"}""");

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => tool.InvokeAsync(Request(arguments.RootElement), CancellationToken.None));

        Assert.Equal("/days", error.Pointer);
        Assert.Equal(0, forecasts.Calls);
    }

    [Fact]
    public async Task A_scalar_result_is_one_item_and_null_is_an_empty_result()
    {
        var scalar = new FunctionTool(AIFunctionFactory.Create((int a, int b) => a + b, "Add"));
        var nothing = new FunctionTool(AIFunctionFactory.Create(string? () => null, "Nothing"));
        using var arguments = JsonDocument.Parse("""{"a":2,"b":3}""");

        var sum = await scalar.InvokeAsync(Request(arguments.RootElement), CancellationToken.None);
        var empty = await nothing.InvokeAsync(Request(default), CancellationToken.None);

        Assert.Equal("5", Assert.Single(sum.Items).Line);
        Assert.Empty(empty.Items);
        Assert.Equal(0, empty.TotalItems);
    }

    private static ToolRequest Request(JsonElement arguments) =>
        new(arguments, 0, 10, new ToolCallContext("run-1", "call-0001", new HandoffScope { ReadablePaths = Array.Empty<string>(), WritablePaths = Array.Empty<string>() }, NoEvidence.Instance));

    private sealed class NoEvidence : IEvidenceCheck
    {
        public static readonly NoEvidence Instance = new();

        public Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(Array.Empty<string>());
    }
}
