using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.OpenApi;
using Alexandria.OpenApi.Bundling;

namespace Alexandria.Server.Tests.Description;

/// <summary>The API description as a tool loading it from the server sees it: every reference resolves over HTTP, nothing else is served.</summary>
public sealed class ServedDescriptionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;

    private static string ContractsFolder()
        => Path.GetDirectoryName(typeof(ServedDescriptionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OpenApiPath").Value!)!;

    [Fact]
    public async Task Output_schema_json_is_served_byte_for_byte_as_a_json_schema_with_an_etag()
    {
        using var response = await _client.GetAsync(new Uri("/output_schema.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(ContractsFolder(), "output_schema.json")), await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Every_ref_reachable_from_openapi_json_resolves_over_http_relative_to_the_document_holding_it()
    {
        var start = new Uri(_client.BaseAddress!, "/openapi.json");
        var documents = new Dictionary<Uri, JsonNode>();
        var pending = new Queue<Uri>([start]);
        var resolved = 0;
        while (pending.TryDequeue(out var url))
        {
            if (documents.ContainsKey(url))
            {
                continue;
            }
            using var response = await _client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
            documents[url] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            foreach (var reference in AllRefs(documents[url]))
            {
                var target = new Uri(url, reference);
                var document = new Uri(target.GetLeftPart(UriPartial.Query));
                Assert.Equal(_client.BaseAddress!.GetLeftPart(UriPartial.Authority), document.GetLeftPart(UriPartial.Authority));
                pending.Enqueue(document);
                resolved++;
            }
        }
        // Second pass, every document now loaded: each fragment names a value.
        foreach (var (url, root) in documents)
        {
            foreach (var reference in AllRefs(root))
            {
                var target = new Uri(url, reference);
                var pointer = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
                Assert.True(JsonPointer.TryEvaluate(documents[new Uri(target.GetLeftPart(UriPartial.Query))], pointer, out _), $"{reference} in {url} names no value");
            }
        }
        Assert.Contains(new Uri(_client.BaseAddress!, "/output_schema.json"), documents.Keys);
        Assert.True(resolved > 50, $"only {resolved} references were followed");
    }

    [Fact]
    public async Task The_bundle_has_only_internal_refs_each_naming_a_value()
    {
        var bundle = (await _client.GetJsonAsync("/openapi.bundled.json")).Body!;

        var refs = AllRefs(bundle).ToArray();
        Assert.NotEmpty(refs);
        foreach (var reference in refs)
        {
            Assert.StartsWith("#/", reference, StringComparison.Ordinal);
            Assert.True(JsonPointer.TryEvaluate(bundle, Uri.UnescapeDataString(reference[1..]), out _), reference + " names no value");
        }
        var schemas = bundle["components"]!["schemas"]!.AsObject();
        Assert.Contains("run", schemas.Select(p => p.Key));
        Assert.Contains("problem_details", schemas.Select(p => p.Key));
        Assert.Equal("kind", (string)schemas["run_event"]!["discriminator"]!["propertyName"]!);
    }

    [Fact]
    public async Task The_served_bundle_is_what_the_bundle_command_writes_from_the_contracts_folder_and_stays_the_same()
    {
        var expected = OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new DirectoryDescriptionSource(ContractsFolder())));

        using var first = await _client.GetAsync(new Uri("/openapi.bundled.json", UriKind.Relative));
        using var second = await _client.GetAsync(new Uri("/openapi.bundled.json", UriKind.Relative));

        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(expected, OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new DirectoryDescriptionSource(ContractsFolder()))));
    }

    [Theory]
    [InlineData("/openapi.json")]
    [InlineData("/output_schema.json")]
    [InlineData("/openapi.bundled.json")]
    public async Task A_description_the_client_already_has_is_a_304_without_a_body(string path)
    {
        using var first = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
    }

    [Theory]
    [InlineData("/contracts.lock.json")]
    [InlineData("/prompts_manifest.json")]
    [InlineData("/prompts_manifest.schema.json")]
    [InlineData("/examples/run_event.plan.json")]
    [InlineData("/contracts/openapi.json")]
    [InlineData("/../contracts/contracts.lock.json")]
    [InlineData("/%2e%2e/contracts/contracts.lock.json")]
    [InlineData("/output_schema.json/../../contracts.lock.json")]
    [InlineData("/..%2fcontracts.lock.json")]
    [InlineData("/..%5ccontracts.lock.json")]
    [InlineData("/%2fetc%2fpasswd")]
    [InlineData("//etc/passwd")]
    [InlineData("/output_schema.json%00")]
    public async Task Nothing_but_the_referenced_files_is_served_whatever_the_path(string rawPath)
    {
        // HttpClient would remove the dot segments before sending: the request line goes out as written.
        var (status, body) = await RawGetAsync(rawPath);

        Assert.True(status is 404 or 400, $"GET {rawPath} answered {status}");
        Assert.DoesNotContain("Breaking-change baseline", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prompts\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Body)> RawGetAsync(string rawPath)
    {
        var address = _client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {rawPath} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var statusLine = response[..response.IndexOf('\r', StringComparison.Ordinal)];
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }

    /// <summary>Every <c>$ref</c> string anywhere in <paramref name="node"/>: what a naive tool follows.</summary>
    private static IEnumerable<string> AllRefs(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? [text] : AllRefs(p.Value)),
        JsonArray array => array.SelectMany(AllRefs),
        _ => [],
    };
}
