using System;

namespace Alexandria.Runtime.Json;

/// <summary>The contract's own spelling of generated enum values, for people reading output (<c>event_threshold</c>, not <c>EventThreshold</c>).</summary>
public static class ContractNames
{
    /// <summary>The JSON name of <paramref name="value"/>, as the generated converter writes it.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
        => ContractJson.Name(value);
}
