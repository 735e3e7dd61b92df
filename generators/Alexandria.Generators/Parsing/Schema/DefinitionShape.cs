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

        /// <summary>A <c>oneOf</c>/<c>anyOf</c> that cannot be a closed union: a class holding one of its cases.</summary>
        Wrapper,
    }
}
