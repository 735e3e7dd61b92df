using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Alexandria.Conformance;

/// <summary>The verdict of a generated validator on a suite case, or why there is none.</summary>
public sealed record SuiteOutcome(bool Passed, string Reason);

/// <summary>
/// Calls the validator the build generated for a case's group, through both of its paths: IsValid on the
/// JsonElement (the document path Validate shares) and IsValid on the UTF-8 bytes (the streaming path where the
/// schema allows it). A case passes only when both give the suite's verdict. The validators are compiled into
/// this assembly; they are looked up by name (reflection only here, in the tests).
/// </summary>
public static class SuiteRunner
{
    private delegate bool Utf8IsValid(ReadOnlySpan<byte> utf8, Generated.Validation.ValidationOptions? options);

    private sealed record Paths(Func<JsonElement, Generated.Validation.ValidationOptions?, bool> Element, Utf8IsValid Utf8, Func<JsonElement, Generated.Validation.ValidationOptions?, Generated.Validation.ValidationResult> Validate);

    private static readonly ConcurrentDictionary<string, Paths?> Validators = new();

    public static SuiteOutcome Run(SuiteCase test)
    {
        var validator = Validators.GetOrAdd(test.ValidatorName, Find);
        if (validator is null)
        {
            return new SuiteOutcome(false, "no validator was generated for the group (see the build's ALX diagnostics)");
        }

        bool verdict;
        bool streamed;
        try
        {
            using var document = JsonDocument.Parse(test.DataJson);
            verdict = validator.Element(document.RootElement, null);
            streamed = validator.Utf8(Encoding.UTF8.GetBytes(test.DataJson), null);
        }
        catch (Exception e)
        {
            return new SuiteOutcome(false, "the validator threw " + e.GetType().Name + ": " + e.Message);
        }

        if (streamed != verdict)
        {
            return new SuiteOutcome(false, TimedOut(validator, test) ?? $"IsValid(JsonElement) says {verdict} but IsValid(ReadOnlySpan<byte>) says {streamed}");
        }

        return verdict == test.Valid
            ? new SuiteOutcome(true, "")
            : new SuiteOutcome(false, TimedOut(validator, test) ?? (test.Valid ? "rejected a valid instance" : "accepted an invalid instance"));
    }

    /// <summary>
    /// Says so when a wrong answer was a pattern match running past the time limit (a refusal, not a verdict): with the
    /// limit a safety net in this project (the csproj), that is a match that did not end, not a slow machine.
    /// </summary>
    private static string? TimedOut(Paths validator, SuiteCase test)
    {
        using var document = JsonDocument.Parse(test.DataJson);
        foreach (var error in validator.Validate(document.RootElement, null).Errors)
        {
            if (error.Message.Contains("took longer than", StringComparison.Ordinal))
            {
                return "a pattern match ran past the " + Generated.Validation.PatternMatching.Timeout.TotalSeconds + " s safety net (it does not end): " + error.Message;
            }
        }

        return null;
    }

    private static Paths? Find(string name)
    {
        var type = typeof(SuiteRunner).Assembly.GetType("Alexandria.Conformance.Generated." + name);
        var element = type?.GetMethod("IsValid", [typeof(JsonElement), typeof(Generated.Validation.ValidationOptions)]);
        var utf8 = type?.GetMethod("IsValid", [typeof(ReadOnlySpan<byte>), typeof(Generated.Validation.ValidationOptions)]);
        var validate = type?.GetMethod("Validate", [typeof(JsonElement), typeof(Generated.Validation.ValidationOptions)]);
        if (element is null || utf8 is null || validate is null)
        {
            return null;
        }

        return new Paths(
            element.CreateDelegate<Func<JsonElement, Generated.Validation.ValidationOptions?, bool>>(),
            utf8.CreateDelegate<Utf8IsValid>(),
            validate.CreateDelegate<Func<JsonElement, Generated.Validation.ValidationOptions?, Generated.Validation.ValidationResult>>());
    }
}
