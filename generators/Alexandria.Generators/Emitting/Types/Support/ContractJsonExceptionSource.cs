namespace Alexandria.Generators.Emitting.Types.Support
{
    /// <summary>
    /// <c>ContractJsonException</c>, emitted once per compilation: what a generated converter throws when the JSON cannot
    /// be one of the contract's types (a missing required member, a wrong token, an unknown discriminator, null where
    /// null is not allowed). Each enclosing converter prepends its member or index on the way out, so the message
    /// names the JSON pointer of the offending value, and <c>Path</c> holds the same place as System.Text.Json spells it.
    /// </summary>
    internal static class ContractJsonExceptionSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>
    /// JSON that cannot be read as a contract type: the message is <c>pointer: reason</c>, e.g.
    /// <c>/shapes/0/radius: expected a number, found "big"</c>. <see cref="InstancePointer"/> is the RFC 6901 pointer
    /// (as in <c>ValidationError</c>), <see cref="global::System.Text.Json.JsonException.Path"/> the same place as
    /// <c>$.shapes[0].radius</c>.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public sealed class ContractJsonException : global::System.Text.Json.JsonException
    {
        private readonly string _pathTail;

        private ContractJsonException(string reason, string instancePointer, string pathTail, long? lineNumber, long? bytePositionInLine, global::System.Exception? innerException)
            : base((instancePointer.Length == 0 ? "(root)" : instancePointer) + ": " + reason, "$" + pathTail, lineNumber, bytePositionInLine, innerException)
        {
            Reason = reason;
            InstancePointer = instancePointer;
            _pathTail = pathTail;
        }

        /// <summary>Where the value is, as an RFC 6901 JSON pointer relative to the document read (empty for its root).</summary>
        public string InstancePointer { get; }

        /// <summary>What was expected and what was found, without the place.</summary>
        public string Reason { get; }

        /// <summary>A failure at the value the converter is reading; enclosing converters add the place.</summary>
        internal static ContractJsonException Create(string reason) => new ContractJsonException(reason, "", "", null, null, null);

        /// <summary><paramref name="failure"/>, which happened inside member <paramref name="member"/> of the object being read.</summary>
        internal static ContractJsonException AtMember(global::System.Text.Json.JsonException failure, string member)
            => Prepend(failure, "/" + member.Replace("~", "~0").Replace("/", "~1"), IsPlainName(member) ? "." + member : "['" + member.Replace("\\", "\\\\").Replace("'", "\\'") + "']");

        /// <summary><paramref name="failure"/>, which happened inside item <paramref name="index"/> of the array being read.</summary>
        internal static ContractJsonException AtIndex(global::System.Text.Json.JsonException failure, int index)
        {
            var text = index.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            return Prepend(failure, "/" + text, "[" + text + "]");
        }

        private static ContractJsonException Prepend(global::System.Text.Json.JsonException failure, string pointer, string path)
            => failure is ContractJsonException located
                ? new ContractJsonException(located.Reason, pointer + located.InstancePointer, path + located._pathTail, located.LineNumber, located.BytePositionInLine, located.InnerException)
                : new ContractJsonException(failure.Message, pointer, path, failure.LineNumber, failure.BytePositionInLine, failure);

        private static bool IsPlainName(string member)
        {
            if (member.Length == 0)
            {
                return false;
            }

            foreach (var c in member)
            {
                if (!char.IsLetterOrDigit(c) && c != '_' && c != '-')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
""";
    }
}
