namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// Names shared by every file emitted for one contract: its namespace and its per-file support classes
    /// (named after the contract, e.g. <c>OutputSchemaJson</c>, so two contracts in one namespace never clash).
    /// </summary>
    internal sealed class TypeEmitContext
    {
        public TypeEmitContext(string fileName, string ns)
        {
            FileName = fileName;
            Namespace = ns;
            var stem = fileName.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - 5) : fileName;
            var pascal = CSharpNaming.ToPascalCase(stem);
            JsonClassName = pascal + "Json";
            SupportClassName = pascal + "JsonSupport";
            EqualityClassName = pascal + "SequenceEquality";
        }

        public string FileName { get; }

        public string Namespace { get; }

        /// <summary>The public class with <c>Options</c> and <c>Resolver</c>.</summary>
        public string JsonClassName { get; }

        /// <summary>The internal reading/writing helpers the converters share.</summary>
        public string SupportClassName { get; }

        /// <summary>The internal helper that compares lists, maps and raw JSON by content for record equality.</summary>
        public string EqualityClassName { get; }

        public string Support => Qualify(SupportClassName);

        public string Equality => Qualify(EqualityClassName);

        public string Qualify(string typeName) => "global::" + Namespace + "." + typeName;

        public string HintName(string typeName) => CSharpNaming.HintName(FileName, typeName);
    }
}
