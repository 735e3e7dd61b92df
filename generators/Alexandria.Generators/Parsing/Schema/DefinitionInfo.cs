using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>What the classifier decided about one <c>$defs</c> entry.</summary>
    internal sealed class DefinitionInfo
    {
        public DefinitionInfo(JsonProperty definition, string typeName)
        {
            Definition = definition;
            TypeName = typeName;
        }

        public JsonProperty Definition { get; }

        public string Key => Definition.Name;

        public JsonObject? Schema => Definition.Value as JsonObject;

        /// <summary>The C# name from <c>SchemaNaming.TypeName</c>, whether or not the definition declares a type.</summary>
        public string TypeName { get; }

        public DefinitionShape Shape { get; set; }

        /// <summary>Another definition already took the name (ALX0103); this one is typed as JsonElement.</summary>
        public bool Collided { get; set; }

        /// <summary>For a union, the discriminator's JSON name.</summary>
        public string Discriminator { get; set; } = "";

        /// <summary>For a union, its cases in schema order.</summary>
        public List<DefinitionInfo> Cases { get; } = new List<DefinitionInfo>();

        /// <summary>For a record, the union it is a case of.</summary>
        public DefinitionInfo? Union { get; set; }

        public bool DeclaresType => !Collided && Shape != DefinitionShape.Alias;
    }
}
