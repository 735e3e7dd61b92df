using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using OurError = Alexandria.Contracts.Validation.ValidationError;
using NJsonSchema.Validation;

namespace Alexandria.Differential.Tests;

/// <summary>What the RFC oracle said about every format value two validators disagreed on.</summary>
/// <param name="Dissent">Why the RFC does not side with Alexandria (a bug to fix), or null when it does.</param>
/// <param name="Formats">The formats judged.</param>
public sealed record FormatVerdict(string? Dissent, IReadOnlyCollection<string> Formats)
{
    public string Category(string category) => category + " — RFC sides with Alexandria on " + string.Join(", ", Formats.Order(StringComparer.Ordinal));
}

/// <summary>
/// Finds the values behind a format disagreement — Alexandria's own errors name the instance and schema pointers,
/// NJsonSchema's name a property path — and asks <see cref="RfcFormatOracle"/> whether each is what it claims.
/// </summary>
public static class FormatJudge
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(InstanceGenerator.RepoRoot(), "contracts", "output_schema.json"))));

    private static readonly HashSet<ValidationErrorKind> FormatKinds =
    [
        ValidationErrorKind.DateTimeExpected, ValidationErrorKind.GuidExpected, ValidationErrorKind.UriExpected,
        ValidationErrorKind.DateExpected, ValidationErrorKind.TimeExpected,
    ];

    public static FormatVerdict Judge(string json, IEnumerable<OurError> ours, IEnumerable<NJsonSchema.Validation.ValidationError> theirs, bool ourValid)
    {
        using var instance = JsonDocument.Parse(json);
        var formats = new SortedSet<string>(StringComparer.Ordinal);
        var claims = ourValid
            ? theirs.Where(e => FormatKinds.Contains(e.Kind)).Select(e => (Pointer: PointerOf(e.Path), Format: e.Schema?.Format, RfcShouldAccept: true))
            : ours.Where(e => e.Keyword == "format").Select(e => (Pointer: (string?)e.InstancePointer, Format: FormatAt(e.SchemaPointer), RfcShouldAccept: false));
        foreach (var (pointer, format, rfcShouldAccept) in claims)
        {
            var value = pointer is null ? null : Resolve(instance.RootElement, pointer);
            if (format is null || value is not { ValueKind: JsonValueKind.String } text)
            {
                return new FormatVerdict($"cannot find the {format ?? "?"} value at '{pointer}'", formats);
            }

            var accepts = RfcFormatOracle.Accepts(format, text.GetString()!);
            if (accepts != rfcShouldAccept)
            {
                var side = rfcShouldAccept ? "accepts" : "rejects";
                return new FormatVerdict($"the RFC oracle does not side with Alexandria: {format} {text.GetRawText()} at '{pointer}' (Alexandria {side}; RFC: {accepts?.ToString() ?? "not judged"})", formats);
            }

            formats.Add(format);
        }

        return formats.Count == 0 ? new FormatVerdict("no format value found behind a format disagreement", formats) : new FormatVerdict(null, formats);
    }

    private static string? FormatAt(string schemaPointer) =>
        Resolve(Schema.Value.RootElement, schemaPointer.TrimStart('#')) is { ValueKind: JsonValueKind.String } format ? format.GetString() : null;

    /// <summary>NJsonSchema paths read <c>#/payload.steps[0].id</c>; the contracts' member names hold no '.' or '['.</summary>
    private static string? PointerOf(string? path)
    {
        if (path is null || !path.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var body = path[2..];
        return body.Length == 0 ? string.Empty : "/" + body.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace('.', '/');
    }

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
