namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>The value types a template variable may declare.</summary>
    internal enum PromptVariableType
    {
        String,
        Integer,
        Number,
        Boolean,
        StringList,
    }

    /// <summary>A declared template variable, which becomes one parameter of <c>Render</c>.</summary>
    /// <param name="ParameterName">The C# parameter, e.g. <c>toolCatalog</c> for <c>tool_catalog</c>.</param>
    /// <param name="HasDefault">Whether the parameter can default to null: optional and followed only by optional ones.</param>
    internal sealed record PromptVariableSpec(
        string Name,
        string ParameterName,
        PromptVariableType Type,
        bool Required,
        bool HasDefault,
        string Description,
        string Volatility);
}
