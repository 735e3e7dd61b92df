using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Alexandria.Agents.Json;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;

namespace Alexandria.Agents.Output;

/// <summary>
/// The output schema of a prompt (<c>output_schema.json#/$defs/&lt;Definition&gt;</c>): checked by the
/// generated validator of that definition, then read by the generated converter. Nothing else makes a
/// <typeparamref name="T"/> out of a model reply, so an unvalidated value cannot reach the loop.
/// </summary>
/// <typeparam name="T">The generated type of the definition.</typeparam>
public sealed class OutputContract<T>
    where T : class
{
    /// <summary>Creates the contract of definition <paramref name="definition"/>.</summary>
    public OutputContract(string definition)
    {
        if (!OutputSchemaValidators.Definitions.Contains(definition, StringComparer.Ordinal))
        {
            throw new ArgumentException($"output_schema.json has no definition '{definition}'.", nameof(definition));
        }

        Definition = definition;
    }

    /// <summary>The <c>$defs</c> name, as <c>repair_attempted.target_def</c> reports it.</summary>
    public string Definition { get; }

    /// <summary>Every way <paramref name="utf8"/> fails the generated validator (empty when valid).</summary>
    public IReadOnlyList<OutputError> Validate(ReadOnlySpan<byte> utf8)
    {
        // The streaming verdict costs nothing on the valid path; only a refused reply pays for the report.
        OutputSchemaValidators.TryIsValid(Definition, utf8, out var valid);
        if (valid)
        {
            return Array.Empty<OutputError>();
        }

        OutputSchemaValidators.TryValidate(Definition, utf8, out var result);
        return result.Errors.Select(e => new OutputError(e.InstancePointer, e.Keyword, e.Message)).ToList();
    }

    /// <summary>Reads a document <see cref="Validate"/> accepted.</summary>
    public T Read(ReadOnlySpan<byte> utf8) => AgentJson.Deserialize<T>(utf8);
}

/// <summary>The output contracts of the manifest's model prompts.</summary>
public static class OutputContracts
{
    /// <summary><c>planner</c> → <c>plan_payload</c>.</summary>
    public static OutputContract<PlanPayload> Plan { get; } = new("plan_payload");

    /// <summary><c>executor</c> → <c>act_payload</c>.</summary>
    public static OutputContract<ActPayload> Act { get; } = new("act_payload");
}
