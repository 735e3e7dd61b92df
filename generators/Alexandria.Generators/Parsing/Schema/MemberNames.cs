using System.Collections.Generic;
using Alexandria.Generators.Emitting;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Picks C# member names for JSON names: PascalCase, never the enclosing type's name (CS0542) nor a member
    /// every record or union already has (including the typed entry points: a JSON member <c>parse</c> becomes
    /// <c>ParseValue</c>), and unique within the type.
    /// </summary>
    internal static class MemberNames
    {
        private static readonly string[] Reserved =
        {
            "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "PrintMembers", "Deconstruct",
            "MemberwiseClone", "Finalize", "ReferenceEquals", "Match", "Switch",

            // The typed entry points every record and union declares (Emitting/Types/EntryPointsEmitter).
            "Parse", "TryParse", "ParseUnvalidated", "ToJson", "ToUtf8Json",
        };

        public static HashSet<string> ReservedFor(string typeName)
        {
            var taken = new HashSet<string>(Reserved) { typeName };
            return taken;
        }

        public static string Pick(string jsonName, HashSet<string> taken)
        {
            var name = CSharpNaming.ToPascalCase(jsonName);
            if (taken.Contains(name))
            {
                name += "Value";
            }

            return CSharpNaming.Unique(name, taken);
        }
    }
}
