using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// Record equality compares lists, maps and <c>JsonElement</c>s by reference, so a document read twice would
    /// not compare equal. Records that declare such members get <c>Equals</c>/<c>GetHashCode</c> that compare
    /// them by content through the contract's sequence-equality helper; other records keep the compiler's.
    /// </summary>
    internal static class EqualityEmitter
    {
        public static bool IsNeeded(IEnumerable<PropertyDeclaration> declared) => declared.Any(p => p.Type.NeedsStructuralEquality);

        /// <param name="typeName">The fully qualified type.</param>
        /// <param name="declared">The data members this type declares (not inherited ones, not constants).</param>
        /// <param name="hasBase">Whether it derives from a union base whose equality must be included.</param>
        /// <param name="isSealed">Sealed records declare a non-virtual <c>Equals</c>.</param>
        public static void Write(SourceWriter writer, TypeEmitContext context, string typeName, IReadOnlyList<PropertyDeclaration> declared, bool hasBase, bool isSealed)
        {
            writer.Line();
            writer.Line("/// <summary>Compares every member by value; lists, maps and raw JSON by content.</summary>");
            using (writer.OpenBlock($"public {(isSealed ? "" : "virtual ")}bool Equals({typeName}? other)"))
            {
                using (writer.OpenBlock("if (global::System.Object.ReferenceEquals(this, other))"))
                {
                    writer.Line("return true;");
                }

                writer.Line();
                var conditions = new List<string>();
                if (hasBase)
                {
                    conditions.Add("base.Equals(other)");
                }
                else
                {
                    conditions.Add("other is not null");
                    if (!isSealed)
                    {
                        conditions.Add("EqualityContract == other.EqualityContract");
                    }
                }

                conditions.AddRange(declared.Select(p => Compare(context, p)));
                for (var i = 0; i < conditions.Count; i++)
                {
                    writer.Line($"{(i == 0 ? "return " : "    && ")}{conditions[i]}{(i == conditions.Count - 1 ? ";" : "")}");
                }
            }

            writer.Line();
            writer.Line("/// <inheritdoc/>");
            using (writer.OpenBlock("public override int GetHashCode()"))
            {
                writer.Line("var hash = new global::System.HashCode();");
                writer.Line(hasBase ? "hash.Add(base.GetHashCode());" : "hash.Add(EqualityContract);");
                foreach (var property in declared)
                {
                    writer.Line($"hash.Add({Hash(context, property)});");
                }

                writer.Line("return hash.ToHashCode();");
            }
        }

        private static string Compare(TypeEmitContext context, PropertyDeclaration property)
        {
            var name = property.PropertyName;
            var helper = ContentHelper(property.Type.Kind);
            if (helper is null)
            {
                return "global::System.Collections.Generic.EqualityComparer<" + RecordEmitter.PropertyType(context, property) + ">.Default.Equals(" + name + ", other." + name + ")";
            }

            // An Optional list or map: the same presence, then the same content.
            return property.IsOptionalNullable
                ? "(" + name + ".IsPresent == other." + name + ".IsPresent && " + context.Equality + "." + helper + "Equals(" + name + ".GetValueOrDefault(), other." + name + ".GetValueOrDefault()))"
                : context.Equality + "." + helper + "Equals(" + name + ", other." + name + ")";
        }

        private static string Hash(TypeEmitContext context, PropertyDeclaration property)
        {
            var name = property.PropertyName;
            var helper = ContentHelper(property.Type.Kind);
            if (helper is null)
            {
                return name;
            }

            return property.IsOptionalNullable
                ? "(" + name + ".IsPresent ? " + context.Equality + "." + helper + "Hash(" + name + ".GetValueOrDefault()) : -1)"
                : context.Equality + "." + helper + "Hash(" + name + ")";
        }

        /// <summary>The sequence-equality helper family (<c>ListEquals</c>/<c>ListHash</c>, …) for kinds compared by content.</summary>
        private static string? ContentHelper(TypeReferenceKind kind) => kind switch
        {
            TypeReferenceKind.List => "List",
            TypeReferenceKind.Dictionary => "Dictionary",
            TypeReferenceKind.Json => "Json",
            _ => null,
        };
    }
}
