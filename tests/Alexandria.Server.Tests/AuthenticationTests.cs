using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alexandria.Contracts.Server;

namespace Alexandria.Server.Tests;

/// <summary>
/// Issue 15, item 9: every operation needs an API key (bearer or <c>X-Api-Key</c>); the description, <c>/docs</c> and
/// <c>/health</c> do not; no key configured means no server, unless <c>--insecure-no-auth</c> on loopback.
/// </summary>
public sealed class AuthenticationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Every operation of the generated server interface, its path parameters filled in.</summary>
    public static TheoryData<string, string, string> Operations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var operation in AlexandriaRuntimeOperations.All)
        {
            var path = Regex.Replace(operation.RouteTemplate, "{runId}", "some-run");
            path = Regex.Replace(path, "{[A-Za-z]+}", Guid.NewGuid().ToString("D"));
            data.Add(operation.OperationId, operation.Method, path);
        }
        return data;
    }

    [Fact]
    public void The_theory_covers_every_operation_of_the_generated_interface()
        => Assert.Equal(AlexandriaRuntimeOperations.All.Count, Operations().Count);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_refuses_a_request_without_credentials_with_a_401_problem(string operationId, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await server.Anonymous.SendAsync(request);
        var reply = await Http.ReadAsync(response);

        Http.AssertProblem(reply, 401, "");
        Assert.True(response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"), operationId);
    }

    [Theory]
    [InlineData("Authorization", "Bearer wrong-key-0123456789abcdef")]
    [InlineData("X-Api-Key", "wrong-key-0123456789abcdef")]
    [InlineData("Authorization", "Bearer test-key-0123456789abcde")] // the right key, one character short
    [InlineData("Authorization", "Basic dGVzdDp0ZXN0")]
    public async Task A_wrong_key_is_a_401_problem(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/runs/some-run", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await server.Anonymous.SendAsync(request);

        Http.AssertProblem(await Http.ReadAsync(response), 401, "");
    }

    [Fact]
    public async Task The_key_is_accepted_as_a_bearer_token_and_as_an_x_api_key_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/runs", UriKind.Relative))
        {
            Content = new StringContent("""{"objective": "x"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ApiKeyAuthentication.ApiKeyHeader, ServerFixture.ApiKey);

        using var withHeader = await server.Anonymous.SendAsync(request);
        var withBearer = await server.Client.PostAsync("/runs", new JsonObject { ["objective"] = "x" });

        Assert.Equal(HttpStatusCode.Created, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withBearer.Status);
    }

    [Theory]
    [InlineData("/openapi.json")]
    [InlineData("/openapi.bundled.json")]
    [InlineData("/output_schema.json")]
    [InlineData("/docs")]
    [InlineData("/health")]
    public async Task The_description_the_docs_and_health_are_readable_without_credentials(string path)
    {
        using var response = await server.Anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_server_without_any_key_does_not_start_and_says_how_to_give_one()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => OwnServer.StartAsync(_ => { }));

        Assert.Contains("--insecure-no-auth", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ALEXANDRIA_API_KEY", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_no_auth_serves_without_credentials_on_loopback_only()
    {
        await using var open = await OwnServer.StartAsync(settings => settings.InsecureNoAuth = true);
        var created = await open.Anonymous.PostAsync("/runs", new JsonObject { ["objective"] = "x" });
        var exposed = await Assert.ThrowsAsync<ArgumentException>(() => OwnServer.StartAsync(settings => settings.InsecureNoAuth = true, urls: ["http://0.0.0.0:0"]));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Contains("loopback", exposed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_and_policies_come_from_a_settings_file_and_the_flags_win()
    {
        var file = Path.Combine(Path.GetTempPath(), "alexandria-settings-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """
            {"Alexandria": {"Server": {"ApiKeys": ["from-the-file-0123456789"], "HandoffTtlHours": 5, "CompactionEventThreshold": 3}}}
            """);
        try
        {
            await using var configured = await OwnServer.StartAsync(settings => settings.CompactionEventThreshold = 6, settingsFile: file);
            using var client = new HttpClient { BaseAddress = configured.Client.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "from-the-file-0123456789");
            var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
            Assert.Equal(201, (await client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "x" })).Code);

            // Threshold 6 (the flag), not 3 (the file): one step of three counted events does not compact, two do.
            await client.PostAsync($"/runs/{runId}/events", Http.Batch(0, Http.Step(runId, 1, 1)));
            var afterOne = await client.GetJsonAsync($"/runs/{runId}/snapshots/latest");
            await client.PostAsync($"/runs/{runId}/events", Http.Batch(3, Http.Step(runId, 4, 2)));
            var afterTwo = await client.GetJsonAsync($"/runs/{runId}/snapshots/latest");

            Assert.Equal(404, afterOne.Code);
            Assert.Equal(200, afterTwo.Code);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
