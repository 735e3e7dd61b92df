using System.Collections.Generic;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Emitting.Types;
using Alexandria.Generators.Emitting.Validation;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The C# names a schema file's other generated classes take in its namespace: each definition's validator
    /// (<c>$defs/a</c> → <c>AValidator</c>), the file's JSON support classes, compiled validators and catalogue, and
    /// the shared support types. A type with one of those names would be declared twice (and its file added under a
    /// hint name already used, which drops every generated file), so the types area never gives one out.
    /// </summary>
    internal static class ReservedTypeNames
    {
        /// <summary>Each reserved name and what takes it, for the ALX0103 message.</summary>
        public static Dictionary<string, string> Of(SchemaFile file, IEnumerable<DefinitionInfo> definitions)
        {
            var reserved = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var owner = file.FileName + " (its generated support classes)";
            foreach (var name in new[]
            {
                TypeEmitContext.JsonClassNameOf(file.FileName),
                SchemaNaming.CompiledValidatorsName(file.FileName), ValidatorCatalogEmitter.ClassName(file.FileName),
                "ContractJsonException", TypeEmitContext.SharedSupportClassName, TypeEmitContext.SharedEqualityClassName,
            })
            {
                reserved[name] = owner;
            }

            foreach (var definition in definitions)
            {
                var validator = SchemaNaming.ValidatorName(definition.TypeName);
                if (!reserved.ContainsKey(validator))
                {
                    reserved[validator] = "#/$defs/" + definition.Key + " (its validator)";
                }
            }

            return reserved;
        }

        /// <summary>
        /// Whether a record or union named <paramref name="typeName"/> would declare a member named like itself (CS0542):
        /// the entry points every generated record and union has, what C# synthesizes for a record, and a union's
        /// <c>Match</c>/<c>Switch</c>. Found by the schema fuzz soak (seed 203012: a definition named <c>Parse</c>).
        /// </summary>
        public static bool IsOwnMemberName(string typeName, DefinitionShape shape)
            => typeName is "Parse" or "TryParse" or "ParseUnvalidated" or "ToJson" or "ToUtf8Json"
                   or "ToString" or "Equals" or "GetHashCode" or "Deconstruct" or "PrintMembers" or "EqualityContract"
               || (shape is DefinitionShape.Union or DefinitionShape.Wrapper && typeName is "Match" or "Switch");
    }
}
