namespace Alexandria.Generators.Model.Validation
{
    /// <summary>
    /// A <c>$dynamicAnchor</c> that a <c>$dynamicRef</c> may land on at run time: while
    /// <paramref name="Resource"/> is in the dynamic scope, references to <paramref name="Name"/> can
    /// resolve to <paramref name="Method"/>.
    /// </summary>
    internal sealed record DynamicAnchorModel(string Name, int Resource, int Method);
}
