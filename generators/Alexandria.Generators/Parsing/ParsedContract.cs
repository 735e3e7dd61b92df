using System;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing
{
    /// <summary>
    /// A contract file with its text parsed once, when it was classified, and shared by every area that reads it (the
    /// types and the validators each parsed it again before). Equal when the files are: the document is a function of
    /// the file's text, so it takes no part in equality, and an unchanged file stays cached. The pipeline keeps the
    /// parsed tree as long as the file's entry; the models built from it still hold only plain data.
    /// </summary>
    internal sealed class ParsedContract : IEquatable<ParsedContract>
    {
        public ParsedContract(ContractFile file, ContractDocument? document)
        {
            File = file;
            Document = document;
        }

        public ContractFile File { get; }

        /// <summary>The parsed text; null when it is not JSON (or YAML), which classification reported.</summary>
        public ContractDocument? Document { get; }

        public bool Equals(ParsedContract? other) => other is not null && File.Equals(other.File);

        public override bool Equals(object? obj) => Equals(obj as ParsedContract);

        public override int GetHashCode() => File.GetHashCode();
    }
}
