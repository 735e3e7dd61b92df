using System.Collections.Generic;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// A record while the parse is under way: union assembly still marks members as inherited and sets the
    /// base after the members are known. Frozen into a <see cref="RecordDeclaration"/> at the end.
    /// </summary>
    internal sealed class RecordDraft
    {
        public RecordDraft(string name, string description, string pointer)
        {
            Name = name;
            Description = description;
            Pointer = pointer;
        }

        public string Name { get; }

        public string Description { get; }

        public string Pointer { get; }

        public List<PropertyDeclaration> Properties { get; } = new List<PropertyDeclaration>();

        public List<FlagDeclaration> Flags { get; } = new List<FlagDeclaration>();

        public string? BaseName { get; set; }

        public RecordDeclaration Freeze()
            => new RecordDeclaration(Name, Description, Pointer, Properties.ToEquatableArray(), Flags.ToEquatableArray(), BaseName);
    }
}
