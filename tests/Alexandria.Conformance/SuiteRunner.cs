using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Alexandria.Conformance;

/// <summary>The verdict of a generated validator on a suite case, or why there is none.</summary>
public sealed record SuiteOutcome(bool Passed, string Reason);

/// <summary>
/// Calls the validator the build generated for a case's group. The validators are compiled into this
/// assembly; they are looked up by name (reflection only here, in the tests).
/// </summary>
public static class SuiteRunner
{
    private static readonly ConcurrentDictionary<string, Func<JsonElement, bool>?> Validators = new();

    public static SuiteOutcome Run(SuiteCase test)
    {
        var validator = Validators.GetOrAdd(test.ValidatorName, Find);
        if (validator is null)
        {
            return new SuiteOutcome(false, "no validator was generated for the group (see the build's ALX diagnostics)");
        }

        bool verdict;
        try
        {
            using var document = JsonDocument.Parse(test.DataJson);
            verdict = validator(document.RootElement);
        }
        catch (Exception e)
        {
            return new SuiteOutcome(false, "the validator threw " + e.GetType().Name + ": " + e.Message);
        }

        return verdict == test.Valid
            ? new SuiteOutcome(true, "")
            : new SuiteOutcome(false, test.Valid ? "rejected a valid instance" : "accepted an invalid instance");
    }

    private static Func<JsonElement, bool>? Find(string name)
    {
        var type = typeof(SuiteRunner).Assembly.GetType("Alexandria.Conformance.Generated." + name);
        var method = type?.GetMethod("IsValid", [typeof(JsonElement), typeof(Generated.Validation.ValidationOptions)]);
        if (method is null)
        {
            return null;
        }

        var isValid = method.CreateDelegate<Func<JsonElement, Generated.Validation.ValidationOptions?, bool>>();
        return instance => isValid(instance, null);
    }
}
