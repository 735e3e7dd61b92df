using System;
using System.Security.Cryptography;
using System.Text.Json;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Guardrails;

/// <summary>
/// The loop-detection key of a tool call (DOMAIN §4): lowercase hex SHA-256 of the tool name, a
/// newline, and the canonical JSON of the arguments — so argument order and number spelling do not
/// make two identical calls look different.
/// </summary>
public static class CallHash
{
    /// <summary>The hash of calling <paramref name="toolName"/> with <paramref name="arguments"/>.</summary>
    public static string Compute(string toolName, JsonElement arguments) => CanonicalJson.Sha256Hex(toolName + "\n", arguments);

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
