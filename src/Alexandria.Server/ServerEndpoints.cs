using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Contracts.Validation;
using Alexandria.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Alexandria.Server;

/// <summary>
/// Maps every operation of <see cref="AlexandriaRuntimeOperations.All"/> onto an <see cref="IAlexandriaRuntimeServer"/>.
/// A body is read as bytes, parsed (invalid JSON: 400) and run through the generated validator of its
/// definition (violations: 422) before it is deserialized or anything is written; every error is
/// <c>application/problem+json</c> naming the JSON pointer at fault, and no input yields a 5xx.
/// </summary>
public static class ServerEndpoints
{
    /// <summary>The largest request body accepted (the contract allows 1,000 events of up to 64 KiB inline).</summary>
    public const long MaxBodyBytes = 16L * 1024 * 1024;

    private const string ProblemJson = "application/problem+json";

    private const string OctetStream = "application/octet-stream";

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>The URL path of the liveness check, readable without credentials.</summary>
    public const string HealthPath = "/health";

    /// <summary>
    /// Maps the API's routes, its description (<c>GET /openapi.json</c>, the files it references, the bundle,
    /// <c>/docs</c>) and <c>GET /health</c>. With <paramref name="requireAuthorization"/> every operation needs an
    /// authenticated caller (see <see cref="ApiKeyAuthentication"/>); the description and health never do.
    /// </summary>
    public static IEndpointRouteBuilder MapAlexandriaRuntime(this IEndpointRouteBuilder endpoints, IAlexandriaRuntimeServer server, bool requireAuthorization = false)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(server);

        endpoints.MapApiDescription(ApiDescription.Embedded);
        endpoints.MapMethods(HealthPath, [HttpMethods.Get, HttpMethods.Head], context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"status\":\"ok\"}", context.RequestAborted);
        });
        var operations = endpoints.MapGroup("");
        if (requireAuthorization)
        {
            operations.RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        }

        foreach (var operation in AlexandriaRuntimeOperations.All)
        {
            RequestDelegate handler = operation.OperationId switch
            {
                "createRun" => WithBody<CreateRunRequest>(CreateRunRequestValidator.IsValid, CreateRunRequestValidator.Validate,
                    async (ctx, body, ct) => await server.CreateRunAsync(new CreateRunOperationRequest { Body = body }, ct)),
                "getRun" => Without(async (ctx, ct) => await server.GetRunAsync(new GetRunOperationRequest { RunId = Route(ctx, "runId") }, ct)),
                "appendEvents" => WithBody<AppendEventsRequest>(AppendEventsRequestValidator.IsValid, AppendEventsRequestValidator.Validate,
                    async (ctx, body, ct) => await server.AppendEventsAsync(new AppendEventsOperationRequest { RunId = Route(ctx, "runId"), Body = body }, ct)),
                "readEvents" => Without(async (ctx, ct) => await server.ReadEventsAsync(new ReadEventsOperationRequest
                {
                    RunId = Route(ctx, "runId"),
                    FromSeq = QueryLong(ctx, "from_seq"),
                    Limit = QueryLong(ctx, "limit"),
                }, ct)),
                "getSnapshotHistory" => Without(async (ctx, ct) => await server.GetSnapshotHistoryAsync(new GetSnapshotHistoryOperationRequest { RunId = Route(ctx, "runId") }, ct)),
                "getLatestSnapshot" => Without(async (ctx, ct) => await server.GetLatestSnapshotAsync(new GetLatestSnapshotOperationRequest { RunId = Route(ctx, "runId") }, ct)),
                "getSnapshot" => Without(async (ctx, ct) => await server.GetSnapshotAsync(new GetSnapshotOperationRequest { RunId = Route(ctx, "runId"), SnapshotId = RouteGuid(ctx, "snapshotId") }, ct)),
                "compactRun" => WithBody<CompactRunRequest>(CompactRunRequestValidator.IsValid, CompactRunRequestValidator.Validate,
                    async (ctx, body, ct) => await server.CompactRunAsync(new CompactRunOperationRequest { RunId = Route(ctx, "runId"), Body = body }, ct)),
                "registerArtifact" => WithBody<ArtifactRecord>(ArtifactRecordValidator.IsValid, ArtifactRecordValidator.Validate,
                    async (ctx, body, ct) => await server.RegisterArtifactAsync(new RegisterArtifactOperationRequest { RunId = Route(ctx, "runId"), Body = body }, ct)),
                "getArtifact" => Without(async (ctx, ct) => await server.GetArtifactAsync(new GetArtifactOperationRequest { RunId = Route(ctx, "runId"), ArtifactId = RouteGuid(ctx, "artifactId") }, ct)),
                "uploadArtifactContent" => WithBytes(async (ctx, body, ct) => await server.UploadArtifactContentAsync(new UploadArtifactContentOperationRequest
                {
                    RunId = Route(ctx, "runId"),
                    ArtifactId = RouteGuid(ctx, "artifactId"),
                    Body = body,
                }, ct)),
                "getArtifactContent" => Without(async (ctx, ct) => await server.GetArtifactContentAsync(new GetArtifactContentOperationRequest
                {
                    RunId = Route(ctx, "runId"),
                    ArtifactId = RouteGuid(ctx, "artifactId"),
                    Range = ctx.Request.Headers.Range.Count == 0 ? null : string.Join(",", ctx.Request.Headers.Range.ToArray()),
                }, ct)),
                "createHandoff" => WithBody<Packet>(HandoffPacketValidator.IsValid, HandoffPacketValidator.Validate,
                    async (ctx, body, ct) => await server.CreateHandoffAsync(new CreateHandoffOperationRequest { RunId = Route(ctx, "runId"), Body = (HandoffPacket)body }, ct)),
                "listHandoffs" => Without(async (ctx, ct) => await server.ListHandoffsAsync(new ListHandoffsOperationRequest { RunId = Route(ctx, "runId") }, ct)),
                "submitPacket" => WithBody<Packet>(PacketValidator.IsValid, PacketValidator.Validate,
                    async (ctx, body, ct) => await server.SubmitPacketAsync(new SubmitPacketOperationRequest { Body = body }, ct)),
                "acknowledgePacket" => Without(async (ctx, ct) => await server.AcknowledgePacketAsync(new AcknowledgePacketOperationRequest { PacketId = RouteGuid(ctx, "packetId") }, ct)),
                _ => throw new InvalidOperationException($"Operation '{operation.OperationId}' of openapi.json has no handler; map it here."),
            };
            operations.MapMethods(operation.RouteTemplate, [operation.Method], handler).WithName(operation.OperationId);
        }
        return endpoints;
    }

    private static RequestDelegate Without(Func<HttpContext, CancellationToken, Task<object>> call)
        => context => GuardAsync(context, async () => await WriteResultAsync(context, await call(context, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));

    /// <summary>A generated validator's allocation-free streaming check.</summary>
    private delegate bool StreamingCheck(ReadOnlySpan<byte> utf8, ValidationOptions? options);

    private static RequestDelegate WithBody<TBody>(StreamingCheck isValid, Func<JsonElement, ValidationOptions?, ValidationResult> validate, Func<HttpContext, TBody, CancellationToken, Task<object>> call)
        where TBody : class
        => context => GuardAsync(context, async () =>
        {
            if (UnsupportedMediaType(context.Request.ContentType) is { } unsupported)
            {
                await WriteProblemAsync(context, Problems.Create(415, "Unsupported media type", unsupported, [Problems.Error("", "mediaType", unsupported)])).ConfigureAwait(false);
                return;
            }
            var bytes = await ReadBodyAsync(context).ConfigureAwait(false);
            if (bytes is null)
            {
                return;
            }
            if (FirstInvalidUtf8Byte(bytes) is { } offset)
            {
                // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read.
                var message = $"The body is not valid UTF-8 (byte offset {offset}).";
                await WriteProblemAsync(context, Problems.Create(400, "Malformed JSON", message, [Problems.Error("", "json", message)])).ConfigureAwait(false);
                return;
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes, ParseOptions);
            }
            catch (JsonException invalid)
            {
                var message = "The body is not valid JSON: " + invalid.Message;
                var pointer = MalformedJsonLocator.Locate(bytes, ParseOptions.MaxDepth);
                await WriteProblemAsync(context, Problems.Create(400, "Malformed JSON", message, [Problems.Error(pointer, "json", message)])).ConfigureAwait(false);
                return;
            }
            using (document)
            {
                // The streaming check decides; only a refused body pays for the full error report.
                var validation = isValid(bytes, null) ? null : validate(document.RootElement, null);
                if (validation is { IsValid: false })
                {
                    var errors = Problems.FromValidation(validation);
                    await WriteProblemAsync(context, Problems.Create(422, "Request body violates the contract",
                        $"{validation.Errors.Count} schema violation(s); first at '{errors[0].Pointer}': {errors[0].Message}", errors)).ConfigureAwait(false);
                    return;
                }
                TBody? body;
                try
                {
                    body = document.RootElement.Deserialize<TBody>(OutputSchemaJson.Options);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
                {
                    // A value the schema allows but the type cannot hold (an integer beyond 64 bits): the converter names its place.
                    var located = ex as ContractJsonException;
                    await WriteProblemAsync(context, Problems.Create(422, "Request body violates the contract", ex.Message,
                        [Problems.Error(located?.InstancePointer ?? "", "deserialize", located?.Reason ?? ex.Message)])).ConfigureAwait(false);
                    return;
                }
                if (body is null)
                {
                    await WriteProblemAsync(context, Problems.Create(422, "Request body violates the contract", "The body is null.",
                        [Problems.Error("", "type", "The body must be an object.")])).ConfigureAwait(false);
                    return;
                }
                await WriteResultAsync(context, await call(context, body, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
            }
        });

    /// <summary>
    /// A binary body (<c>application/octet-stream</c>), handed to the operation as the request stream itself: nothing is
    /// buffered. The JSON body limit does not apply; the operation bounds what it reads (an upload reads at most its
    /// registered size plus one byte).
    /// </summary>
    private static RequestDelegate WithBytes(Func<HttpContext, Stream, CancellationToken, Task<object>> call)
        => context => GuardAsync(context, async () =>
        {
            if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed)
                || !parsed.MediaType.Equals(OctetStream, StringComparison.OrdinalIgnoreCase))
            {
                var message = context.Request.ContentType is null
                    ? $"The request has no Content-Type; send 'Content-Type: {OctetStream}'."
                    : $"Content-Type '{context.Request.ContentType}' is not accepted; send the bytes as '{OctetStream}'.";
                await WriteProblemAsync(context, Problems.Create(415, "Unsupported media type", message, [Problems.Error("", "mediaType", message)])).ConfigureAwait(false);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = null;
            }
            await WriteResultAsync(context, await call(context, context.Request.Body, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        });

    /// <summary>
    /// Streams a binary result body. Object content carries its entity tag (the SHA-256), <c>Accept-Ranges</c> and, for a
    /// 206, <c>Content-Range</c>; the length is always declared, so a response cut short is never mistaken for a whole one.
    /// </summary>
    private static async Task WriteStreamAsync(HttpContext context, string contentType, Stream body)
    {
        await using (body.ConfigureAwait(false))
        {
            var headers = context.Response.Headers;
            context.Response.ContentType = contentType;
            if (body is ObjectReadStream content)
            {
                headers.ETag = "\"" + content.Sha256 + "\"";
                headers.AcceptRanges = "bytes";
                if (context.Response.StatusCode == StatusCodes.Status206PartialContent)
                {
                    headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {content.RangeStart}-{content.RangeStart + content.Length - 1}/{content.TotalLength}");
                }
            }
            if (body.CanSeek)
            {
                context.Response.ContentLength = body.Length - body.Position;
            }
            await body.CopyToAsync(context.Response.Body, 81920, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Why a request body of <paramref name="contentType"/> is not read as JSON, or null when it is (<c>application/json</c> or any <c>+json</c> type, UTF-8).</summary>
    private static string? UnsupportedMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "The request has a body but no Content-Type; send 'Content-Type: application/json'.";
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return $"Content-Type '{contentType}' is not a media type; send 'application/json'.";
        }
        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!json)
        {
            return $"Content-Type '{mediaType}' is not accepted; request bodies are JSON ('application/json').";
        }
        return parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? $"charset '{parsed.Charset}' is not accepted; JSON bodies are UTF-8."
            : null;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static long? FirstInvalidUtf8Byte(byte[] bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException invalid)
        {
            return invalid.Index;
        }
    }

    /// <summary>
    /// Answers what routing refuses before an operation runs (no such path: 404; a path without that
    /// method: 405) with a problem body too, so a client never sees an empty error.
    /// </summary>
    public static IApplicationBuilder UseAlexandriaProblemStatusPages(this IApplicationBuilder app)
        => app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var status = context.Response.StatusCode;
            var what = $"{context.Request.Method} {context.Request.Path}";
            var (title, message) = status switch
            {
                404 => ("No such operation", $"{what} is not an operation of openapi.json."),
                405 => ("Method not allowed", $"{what}: the path exists but not with this method."),
                _ => ("Request refused", $"{what} was refused with {status}."),
            };
            await WriteProblemAsync(context, Problems.Create(status, title, message, [Problems.Error("", "route", message)])).ConfigureAwait(false);
        });

    private static async Task GuardAsync(HttpContext context, Func<Task> handle)
    {
        try
        {
            await handle().ConfigureAwait(false);
        }
        catch (BadParameterException bad)
        {
            await WriteProblemAsync(context, Problems.BadParameter(bad.Name, bad.Keyword, bad.Message)).ConfigureAwait(false);
        }
        catch (BadHttpRequestException bad)
        {
            var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400;
            await WriteProblemAsync(context, Problems.Create(status, "Bad request", bad.Message, [Problems.Error("", "request", bad.Message)])).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (IOException unreadable) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            // Kestrel fails a body it cannot decode (a chunk size of 18 hex digits) with an IOException, not a BadHttpRequestException.
            var message = "The request body could not be read: " + unreadable.Message;
            await WriteProblemAsync(context, Problems.Create(400, "Unreadable request body", message, [Problems.Error("", "request", message)])).ConfigureAwait(false);
        }
        catch (RunWriterUnavailableException unavailable) when (!context.Response.HasStarted)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(context, Problems.Create(503, "Run writer unavailable", unavailable.Message,
                [Problems.Error("", "availability", unavailable.Message)])).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the last resort: a server fault is still answered as problem+json, never as an empty 500
        catch (Exception fault)
#pragma warning restore CA1031
        {
            await WriteProblemAsync(context, Problems.Create(500, "Internal server error", fault.GetType().Name + ": " + fault.Message)).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var declared = context.Request.ContentLength;
        if (declared > MaxBodyBytes)
        {
            await WriteTooLargeAsync(context).ConfigureAwait(false);
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await WriteTooLargeAsync(context).ConfigureAwait(false);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task WriteTooLargeAsync(HttpContext context)
    {
        var message = $"The body exceeds {MaxBodyBytes} bytes.";
        return WriteProblemAsync(context, Problems.Create(413, "Request body too large", message, [Problems.Error("", "maxBytes", message)]));
    }

    private static async Task WriteResultAsync(HttpContext context, object result)
    {
        // Every generated result case carries StatusCode, ContentType and Body.
        var type = result.GetType();
        var status = (int)type.GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance)!.GetValue(result)!;
        var contentType = (string?)type.GetProperty("ContentType", BindingFlags.Public | BindingFlags.Instance)!.GetValue(result);
        var body = type.GetProperty("Body", BindingFlags.Public | BindingFlags.Instance)?.GetValue(result);
        var declared = type.GetProperty("Body", BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
        context.Response.StatusCode = status;
        if (body is null || contentType is null || declared is null)
        {
            return;
        }
        if (body is Stream stream)
        {
            await WriteStreamAsync(context, contentType, stream).ConfigureAwait(false);
            return;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(body, declared, OutputSchemaJson.Options);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteProblemAsync(HttpContext context, ProblemDetails problem)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(problem, OutputSchemaJson.Options);
        context.Response.StatusCode = (int)problem.Status;
        context.Response.ContentType = ProblemJson;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Route(HttpContext context, string name)
        => context.Request.RouteValues[name] as string ?? throw new BadParameterException(name, "required", "is required.");

    private static Guid RouteGuid(HttpContext context, string name)
        => Guid.TryParseExact(Route(context, name), "D", out var id)
            ? id
            : throw new BadParameterException(name, "format", "must be a UUID (8-4-4-4-12 hex digits).");

    private static long? QueryLong(HttpContext context, string name)
    {
        if (!context.Request.Query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            throw new BadParameterException(name, "type", "must be given once.");
        }
        return long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadParameterException(name, "type", "must be an integer.");
    }

    private sealed class BadParameterException(string name, string keyword, string message) : Exception(message)
    {
        public string Name { get; } = name;

        public string Keyword { get; } = keyword;
    }
}
