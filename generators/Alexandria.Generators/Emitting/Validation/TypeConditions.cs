using System;
using System.Collections.Generic;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// The <c>type</c> keyword as one C# condition, for both validator paths: each passes how it tests one kind
    /// (a JsonValueKind on the document path, a token type on the streaming path).
    /// </summary>
    internal static class TypeConditions
    {
        private static readonly JsonTypes[] Plain = { JsonTypes.Null, JsonTypes.Boolean, JsonTypes.Object, JsonTypes.Array, JsonTypes.String };

        /// <summary><c>number</c> includes <c>integer</c>, so integer gets its own test only without number.</summary>
        public static string For(JsonTypes types, Func<JsonTypes, string> test)
        {
            var conditions = new List<string>();
            foreach (var kind in Plain)
            {
                if ((types & kind) != 0) conditions.Add(test(kind));
            }

            if ((types & JsonTypes.Number) != 0) conditions.Add(test(JsonTypes.Number));
            else if ((types & JsonTypes.Integer) != 0) conditions.Add(test(JsonTypes.Integer));
            return string.Join(" || ", conditions);
        }
    }
}
