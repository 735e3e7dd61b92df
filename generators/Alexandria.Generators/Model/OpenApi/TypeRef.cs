namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>A C# type chosen for a schema.</summary>
    /// <param name="Name">The fully qualified C# type, e.g. <c>global::Alexandria.Contracts.Run</c> or <c>long</c>.</param>
    /// <param name="IsValueType">Whether <c>?</c> makes it <c>Nullable&lt;T&gt;</c> rather than a nullable reference.</param>
    /// <param name="Note">Why a schema fell back to raw JSON, for the generated docs; empty otherwise.</param>
    internal sealed record TypeRef(string Name, bool IsValueType, string Note)
    {
        public const string JsonElementName = "global::System.Text.Json.JsonElement";

        public static TypeRef Of(string name, bool isValueType) => new TypeRef(name, isValueType, "");

        public static TypeRef RawJson(string note) => new TypeRef(JsonElementName, true, note);
    }
}
