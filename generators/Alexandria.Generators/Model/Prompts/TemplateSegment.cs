namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>
    /// A piece of a template: literal text, or a placeholder naming a variable. Rendering is the
    /// segments in order, so values are inserted verbatim and never re-scanned for placeholders.
    /// </summary>
    /// <param name="Text">The literal text, or the placeholder as written (e.g. <c>{{objective}}</c>).</param>
    /// <param name="Variable">The variable a placeholder names; null for literal text.</param>
    /// <param name="TemplateOffset">Where the segment starts in the template.</param>
    internal sealed record TemplateSegment(string Text, string? Variable, int TemplateOffset)
    {
        public bool IsPlaceholder => Variable is not null;
    }
}
