namespace Alexandria.Agents.Providers;

/// <summary>Finds the provider forms of a prompt's output schema (the generator emits them per prompt).</summary>
public interface IOutputSchemaCatalog
{
    /// <summary>The forms of <paramref name="promptId"/>'s output schema, or null to use plain JSON mode for every provider.</summary>
    ProviderOutputSchema? For(string promptId);
}

/// <summary>The default catalog: no provider schema for any prompt, so every provider runs in plain JSON mode.</summary>
public sealed class JsonModeOutputSchemas : IOutputSchemaCatalog
{
    /// <summary>The one instance.</summary>
    public static JsonModeOutputSchemas Instance { get; } = new();

    /// <inheritdoc/>
    public ProviderOutputSchema? For(string promptId) => null;
}
