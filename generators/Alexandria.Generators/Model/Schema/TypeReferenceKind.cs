namespace Alexandria.Generators.Model.Schema
{
    /// <summary>What C# shape a schema value takes; decides both the declared type and how it is (de)serialized.</summary>
    internal enum TypeReferenceKind
    {
        /// <summary>Anything the types area cannot type more precisely: <c>JsonElement</c>, kept verbatim.</summary>
        Json,
        String,

        /// <summary><c>long</c>: JSON Schema integers are unbounded, and 64 bits covers every count and offset in practice.</summary>
        Integer,

        /// <summary><c>double</c>: round-trips the shortest representation, which is what canonical JSON writers emit.</summary>
        Number,
        Boolean,
        Guid,
        DateTimeOffset,
        DateOnly,

        /// <summary><c>format: uri</c>, an absolute <c>Uri</c>.</summary>
        Uri,

        /// <summary><c>format: uri-reference</c>, a <c>Uri</c> that may be relative.</summary>
        UriReference,

        /// <summary>A generated record, union or enum; <see cref="TypeReference.Name"/> is its fully qualified name.</summary>
        Named,

        /// <summary><c>IReadOnlyList&lt;Element&gt;</c>.</summary>
        List,

        /// <summary><c>IReadOnlyDictionary&lt;string, Element&gt;</c>.</summary>
        Dictionary,

        /// <summary>A <c>$ref</c> into another contract file, resolved once every file's exports are known.</summary>
        External,
    }
}
