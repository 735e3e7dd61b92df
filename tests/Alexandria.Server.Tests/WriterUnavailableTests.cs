using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using AppendEventsResult = Alexandria.Contracts.Server.AppendEventsResult;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alexandria.Server.Tests;

/// <summary>
/// When the run's writer cannot be reached (a cluster silo died mid-call), the client gets a 503 problem with
/// Retry-After — a located, retryable answer — never a 500.
/// </summary>
public sealed class WriterUnavailableTests
{
    private sealed class UnreachableWriter : IRunWriter
    {
        public Task<AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken) =>
            throw new RunWriterUnavailableException(runId, TimeSpan.FromSeconds(2.5), new TimeoutException("no answer from the silo"));

        public Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken) =>
            throw new RunWriterUnavailableException(runId, TimeSpan.FromSeconds(2.5), new TimeoutException("no answer from the silo"));
    }

    [Fact]
    public async Task An_unreachable_run_writer_is_a_503_problem_with_retry_after()
    {
        var directory = Path.Combine(Path.GetTempPath(), "alexandria-writer-503-" + Guid.NewGuid().ToString("N"));
        await using var host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            StoreDirectory = directory,
            MinimumLogLevel = LogLevel.Error,
            Configure = settings => settings.InsecureNoAuth = true,
            ConfigureHost = (builder, _, _) => builder.Services.AddSingleton<IRunWriter, UnreachableWriter>(),
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };
        var created = await client.PostAsync("/runs", new JsonObject { ["objective"] = "Survive a failover." });
        var runId = (string)created.Body!["run_id"]!;

        var append = new JsonObject { ["expected_seq"] = 0, ["events"] = new JsonArray(Http.PlanEvent(runId, 1)) };
        using var content = new StringContent(append.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/runs/{runId}/events", UriKind.Relative), content);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("3", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Contains("may or may not have been applied", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("availability", (string)problem["errors"]![0]!["keyword"]!);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
