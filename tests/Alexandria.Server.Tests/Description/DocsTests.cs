using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests.Description;

/// <summary>The interactive API reference at /docs: an HTML page whose every asset this server serves itself.</summary>
public sealed partial class DocsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Docs_is_an_html_page_whose_scripts_and_description_load_from_this_server()
    {
        using var page = await _client.GetAsync(new Uri("/docs", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var pageUrl = page.RequestMessage!.RequestUri!;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Alexandria runtime API", html, StringComparison.Ordinal);
        // No CDN, no web fonts: nothing on the page names another origin.
        Assert.DoesNotMatch("(?i)(src|href)\\s*=\\s*\"(https?:)?//", html);

        var assets = Sources().Matches(html).Select(m => m.Groups["url"].Value).ToArray();
        Assert.Contains("scalar.js", assets);
        foreach (var asset in assets)
        {
            using var response = await _client.GetAsync(new Uri(pageUrl, asset));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, asset + " is empty");
        }

        // The page loads its description from the source URL its configuration names, resolved against the site root.
        var source = DocumentUrl().Match(html);
        Assert.True(source.Success, "the page names no OpenAPI document");
        Assert.Equal("openapi.bundled.json", source.Groups["url"].Value);
        using var description = await _client.GetAsync(new Uri(_client.BaseAddress!, source.Groups["url"].Value));
        Assert.Equal(HttpStatusCode.OK, description.StatusCode);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<url>[^\"]+)\"")]
    private static partial Regex Sources();

    [GeneratedRegex("\"sources\":\\[\\{[^}]*\"url\":\"(?<url>[^\"]+)\"")]
    private static partial Regex DocumentUrl();
}
