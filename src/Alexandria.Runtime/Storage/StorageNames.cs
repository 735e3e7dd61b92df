using System;
using System.Text.RegularExpressions;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// The rules for every name that becomes part of a file path or a key: run ids, artifact paths,
/// hashes, kinds and media types. Each rule is the contract's pattern, checked after the explicit
/// traversal checks so the error says what was wrong.
/// </summary>
public static partial class StorageNames
{
    /// <summary>Checks a run id (<c>^[a-z0-9][a-z0-9_-]{0,63}$</c>); run ids become directory names.</summary>
    /// <exception cref="InvalidStoragePathException">The run id is unsafe or malformed.</exception>
    public static string ValidateRunId(string runId, string paramName = "runId")
    {
        ArgumentNullException.ThrowIfNull(runId, paramName);
        RejectTraversal(runId, "Run id", paramName);
        if (!RunIdPattern().IsMatch(runId))
        {
            throw new InvalidStoragePathException(
                $"Run id '{Printable(runId)}' is not allowed: a run id is 1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit.",
                paramName);
        }

        return runId;
    }

    /// <summary>True when <paramref name="name"/> is a run id the store could have written (a directory it owns).</summary>
    public static bool IsValidRunId(string name) => RunIdPattern().IsMatch(name);

    /// <summary>True when <paramref name="name"/> is a lowercase hex SHA-256 (an object's file name).</summary>
    public static bool IsSha256(string name) => Sha256Pattern().IsMatch(name);

    /// <summary>Checks a run-relative artifact path (<c>^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,512}$</c>).</summary>
    /// <exception cref="InvalidStoragePathException">The path is unsafe or malformed.</exception>
    public static string ValidateArtifactPath(string path, string paramName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        RejectTraversal(path, "Artifact path", paramName);
        if (!ArtifactPathPattern().IsMatch(path))
        {
            throw new InvalidStoragePathException(
                $"Artifact path '{Printable(path)}' is not allowed: use 1-512 characters of A-Z, a-z, 0-9, '.', '_', '-' and '/'.",
                paramName);
        }

        return path;
    }

    /// <summary>Checks a lowercase hex SHA-256.</summary>
    public static string ValidateSha256(string sha256, string paramName = "sha256")
    {
        ArgumentNullException.ThrowIfNull(sha256, paramName);
        RejectTraversal(sha256, "Hash", paramName);
        if (!Sha256Pattern().IsMatch(sha256))
        {
            throw new InvalidStoragePathException($"Hash '{Printable(sha256)}' is not a lowercase hex SHA-256 (64 characters of 0-9, a-f).", paramName);
        }

        return sha256;
    }

    /// <summary>Checks an event kind (<c>^[a-z][a-z0-9_]{0,63}$</c>).</summary>
    public static string ValidateKind(string kind, string paramName = "kind")
    {
        ArgumentNullException.ThrowIfNull(kind, paramName);
        if (!KindPattern().IsMatch(kind))
        {
            throw new ArgumentException($"Event kind '{Printable(kind)}' must match ^[a-z][a-z0-9_]{{0,63}}$.", paramName);
        }

        return kind;
    }

    /// <summary>Checks a media type: lowercase, without parameters.</summary>
    public static string ValidateMimeType(string mimeType, string paramName = "mimeType")
    {
        ArgumentNullException.ThrowIfNull(mimeType, paramName);
        if (mimeType.Length > 255 || !MimeTypePattern().IsMatch(mimeType))
        {
            throw new ArgumentException($"Media type '{Printable(mimeType)}' must be lowercase type/subtype without parameters, e.g. application/json.", paramName);
        }

        return mimeType;
    }

    private static void RejectTraversal(string value, string what, string paramName)
    {
        if (value.Length == 0)
        {
            throw new InvalidStoragePathException($"{what} is empty.", paramName);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidStoragePathException($"{what} '{Printable(value)}' contains a NUL character.", paramName);
        }

        if (value.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidStoragePathException($"{what} '{Printable(value)}' contains a backslash; use '/' as the only separator.", paramName);
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidStoragePathException($"{what} '{Printable(value)}' contains '..' (path traversal).", paramName);
        }

        if (value[0] == '/' || (value.Length >= 2 && value[1] == ':') || System.IO.Path.IsPathRooted(value))
        {
            throw new InvalidStoragePathException($"{what} '{Printable(value)}' is an absolute path; it must be relative.", paramName);
        }
    }

    private static string Printable(string value) => value.Replace("\0", "\\0", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^(?!/)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactPathPattern();

    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$", RegexOptions.CultureInvariant)]
    private static partial Regex MimeTypePattern();
}
