namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// Names shared by every file emitted for one contract: its namespace, its per-file class (named after the contract,
    /// e.g. <c>OutputSchemaJson</c>, so two contracts in one namespace never clash) and the shared helpers.
    /// </summary>
    internal sealed class TypeEmitContext
    {
        public TypeEmitContext(string fileName, string ns)
        {
            FileName = fileName;
            Namespace = ns;
            JsonClassName = JsonClassNameOf(fileName);
            Support = Qualify(SharedSupportClassName);
            Equality = Qualify(SharedEqualityClassName);
            _typeInfoHolder = Qualify(JsonClassName) + "." + TypeInfoClassName + ".";
        }

        /// <summary>The per-file class of <paramref name="fileName"/>: <c>output_schema.json</c> → <c>OutputSchemaJson</c>.</summary>
        public static string JsonClassNameOf(string fileName)
        {
            var stem = fileName.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - 5) : fileName;
            return CSharpNaming.ToPascalCase(stem) + "Json";
        }

        /// <summary>The qualified <c>TypeInfo</c> class with a trailing dot, made once: every entry point names it.</summary>
        private readonly string _typeInfoHolder;

        /// <summary>
        /// The converters' reading/writing helpers and the records' content equality do not depend on the contract, so
        /// they are emitted once per compilation (<see cref="TypeSupportEmitter"/>): per contract they were a fifth of
        /// each file's generated text and allocations.
        /// </summary>
        public const string SharedSupportClassName = "ContractJsonSupport";

        /// <inheritdoc cref="SharedSupportClassName"/>
        public const string SharedEqualityClassName = "ContractSequenceEquality";

        public string FileName { get; }

        public string Namespace { get; }

        /// <summary>The public class with <c>Options</c> and <c>Resolver</c>.</summary>
        public string JsonClassName { get; }

        /// <summary>The internal reading/writing helpers the converters share.</summary>
        public string SupportClassName => SharedSupportClassName;

        /// <summary>The internal helper that compares lists, maps and raw JSON by content for record equality.</summary>
        public string EqualityClassName => SharedEqualityClassName;

        /// <summary>The qualified support class, made once per contract (the emitters name it on most lines they write).</summary>
        public string Support { get; }

        public string Equality { get; }

        public string Qualify(string typeName) => "global::" + Namespace + "." + typeName;

        public string HintName(string typeName, string suffix = "") => CSharpNaming.HintName(FileName, typeName, suffix);

        /// <summary>The nested class of <see cref="JsonClassName"/> holding one cached <c>JsonTypeInfo&lt;T&gt;</c> per type.</summary>
        public const string TypeInfoClassName = "TypeInfo";

        /// <summary>
        /// The <c>JsonTypeInfo&lt;T&gt;</c> property of a type: its name, unless that is the holder's own (CS0542) or one
        /// it inherits from <see cref="object"/> (CS0108; a type named <c>GetType</c> — schema fuzz seed 206221).
        /// </summary>
        public static string TypeInfoPropertyName(string typeName)
            => typeName is TypeInfoClassName or "GetType" or "ToString" or "Equals" or "GetHashCode" or "ReferenceEquals" or "MemberwiseClone" or "Finalize"
                ? typeName + "Value"
                : typeName;

        /// <summary>The expression for a generated type's cached <c>JsonTypeInfo&lt;T&gt;</c>, e.g. <c>global::Ns.OutputSchemaJson.TypeInfo.RunEvent</c>.</summary>
        public string TypeInfoOf(string typeName) => _typeInfoHolder + TypeInfoPropertyName(typeName);
    }
}
