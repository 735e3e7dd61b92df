using System;

namespace Alexandria.Generators.Json
{
    /// <summary>Raised by <see cref="JsonDocumentParser"/> with the offset where the text stops being JSON.</summary>
    internal sealed class JsonParseException : Exception
    {
        public JsonParseException(string message, int offset)
            : base(message) => Offset = offset;

        public int Offset { get; }
    }
}
