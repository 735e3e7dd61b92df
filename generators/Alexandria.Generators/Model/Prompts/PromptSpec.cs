namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>One prompt of the manifest, ready to emit as an accessor class.</summary>
    /// <param name="Id">The manifest id, e.g. <c>planner</c>.</param>
    /// <param name="ClassName">The accessor class, e.g. <c>PlannerPrompt</c>.</param>
    /// <param name="Role">The message role, or null for a code-rendered template.</param>
    /// <param name="ContentHash">Lowercase hex SHA-256 of the template's UTF-8 bytes, as computed by the generator.</param>
    /// <param name="Segments">The template cut into literal text and placeholders, in order.</param>
    /// <param name="OutputTypeName">The fully qualified C# type of the output schema, or null when there is none (or it did not resolve).</param>
    internal sealed record PromptSpec(
        string Id,
        string ClassName,
        string Version,
        string Kind,
        string? Role,
        string Description,
        string Template,
        string ContentHash,
        EquatableArray<PromptVariableSpec> Variables,
        EquatableArray<TemplateSegment> Segments,
        EquatableArray<CacheBreakpointSpec> Breakpoints,
        string? OutputSchemaRef,
        string? OutputTypeName);
}
