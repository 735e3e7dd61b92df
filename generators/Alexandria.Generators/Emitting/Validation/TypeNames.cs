using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// What the <c>type</c> keyword expects, as the end of "42 is not …": <c>a string</c>, or for several types the
    /// main one and the list, <c>a string (expected string or null)</c>, because "not a string or null" reads both ways.
    /// </summary>
    internal static class TypeNames
    {
        /// <summary>Reading order: structured kinds first, null last, so the main type of <c>["string","null"]</c> is string.</summary>
        private static readonly (JsonTypes Type, string Name, string Article)[] Order =
        {
            (JsonTypes.Object, "object", "an "), (JsonTypes.Array, "array", "an "), (JsonTypes.String, "string", "a "),
            (JsonTypes.Number, "number", "a "), (JsonTypes.Integer, "integer", "an "), (JsonTypes.Boolean, "boolean", "a "),
            (JsonTypes.Null, "null", ""),
        };

        public static string Expected(JsonTypes types)
        {
            // number includes integer: naming both would suggest a difference the schema does not make.
            var named = Order.Where(t => (types & t.Type) != 0 && !(t.Type == JsonTypes.Integer && (types & JsonTypes.Number) != 0)).ToList();
            var main = named[0].Article + named[0].Name;
            return named.Count == 1 ? main : main + " (expected " + Alternatives(named.Select(t => t.Name).ToList()) + ")";
        }

        private static string Alternatives(List<string> names)
            => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
    }
}
