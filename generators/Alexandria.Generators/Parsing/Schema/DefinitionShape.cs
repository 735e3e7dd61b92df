namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>What a <c>$defs</c> entry becomes.</summary>
    internal enum DefinitionShape
    {
        /// <summary>No type of its own: references to it use the C# type of its content (string, list, …).</summary>
        Alias,
        Record,
        Enum,
        Union,
    }
}
