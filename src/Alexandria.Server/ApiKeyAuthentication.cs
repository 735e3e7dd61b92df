using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Alexandria.Server;

/// <summary>
/// API-key authentication (an ASP.NET Core authentication scheme): a client presents one of the configured
/// keys as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Keys are compared as SHA-256
/// digests with <see cref="CryptographicOperations.FixedTimeEquals"/> against every configured key, so neither
/// a key's length nor how much of it matched shows in the time an answer takes. A refusal is a 401
/// <c>application/problem+json</c> with a <c>WWW-Authenticate: Bearer</c> challenge.
/// </summary>
public sealed class ApiKeyAuthentication : AuthenticationHandler<ApiKeyAuthenticationOptions>
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries a key when <c>Authorization</c> is not used.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Creates the handler (by ASP.NET Core's authentication services).</summary>
    public ApiKeyAuthentication(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var digest = Digest(presented);
        var matched = false;
        foreach (var key in Options.KeyDigests)
        {
            // Every key is compared, match or not: the loop's time does not depend on which key matched.
            matched |= CryptographicOperations.FixedTimeEquals(digest, key);
        }
        if (!matched)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one this server accepts."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var message = result.Failure is { } failure
            ? failure.Message
            : $"This operation needs an API key: send 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'.";
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"alexandria\"";
        await WriteAsync(401, "Unauthorized", message, "authentication").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteAsync(403, "Forbidden", "The API key may not use this operation.", "authorization");

    private Task WriteAsync(int status, string title, string message, string keyword)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Problems.Create(status, title, message, [Problems.Error("", keyword, message)]), OutputSchemaJson.Options);
        Response.StatusCode = status;
        Response.ContentType = "application/problem+json";
        Response.ContentLength = json.Length;
        return Response.Body.WriteAsync(json, Context.RequestAborted).AsTask();
    }

    private string? Presented()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        var header = Request.Headers[ApiKeyHeader].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    internal static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>The options of <see cref="ApiKeyAuthentication"/>: the digests of the accepted keys.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>SHA-256 of each accepted key's UTF-8 bytes.</summary>
    public IReadOnlyList<byte[]> KeyDigests { get; set; } = [];

    /// <summary>Sets <see cref="KeyDigests"/> from the keys themselves.</summary>
    public void Accept(IEnumerable<string> keys) => KeyDigests = keys.Select(ApiKeyAuthentication.Digest).ToArray();
}
