using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Alexandria.Server;

/// <summary>
/// Maps <see cref="ApiDescription"/>'s documents (one exact route each, so no path can reach any other file)
/// and the interactive API reference at <c>/docs</c> (Scalar, its scripts served from its own package,
/// reading <c>/openapi.bundled.json</c>).
/// </summary>
public static class DescriptionEndpoints
{
    /// <summary>The URL path of the interactive API reference.</summary>
    public const string DocsPath = "/docs";

    /// <summary>Maps every document of <paramref name="description"/> and <c>/docs</c>.</summary>
    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder endpoints, ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(description);
        foreach (var document in description.Documents)
        {
            endpoints.MapMethods(RoutePattern(document.Path), [HttpMethods.Get, HttpMethods.Head], context => WriteAsync(context, document));
        }
        endpoints.MapScalarApiReference(DocsPath, options => options
            .WithTitle("Alexandria runtime API")
            .AddDocument("alexandria", "Alexandria runtime API", ApiDescription.BundledPath, isDefault: true)
            // Everything the page loads comes from this server: no web fonts, telemetry, agent or MCP calls out,
            // and no toolbar of Scalar's hosted services (share, SDK generation, deploy).
            .HideDeveloperTools()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, ServedDocument document)
    {
        var response = context.Response;
        response.Headers.ETag = document.ETag;
        // Clients may keep a copy but must ask again; an unchanged description then costs a 304.
        response.Headers.CacheControl = "no-cache";
        if (Matches(context.Request.Headers.IfNoneMatch.ToString(), document.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = document.MediaType;
        response.ContentLength = document.Bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(document.Bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 9110 §13.1.2: <c>*</c> or any listed tag equal to ours under weak comparison.</summary>
    private static bool Matches(string ifNoneMatch, string etag)
    {
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == etag)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A literal route: braces in a file name are not parameters.</summary>
    private static string RoutePattern(string path) => path.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
