namespace Alexandria.Generators.Emitting.Types.Support
{
    /// <summary>
    /// <c>ContractValidationException</c>, emitted once per compilation beside <c>ValidationResult</c>: what the typed
    /// <c>Parse</c> entry points throw when the generated validator rejects a document, carrying every error.
    /// </summary>
    internal static class ContractValidationExceptionSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>
    /// A document the generated validator rejected, thrown by the typed <c>Parse</c> entry points (<c>RunEvent.Parse</c>, …)
    /// so no object that breaks the contract is handed out. <see cref="Result"/> holds every error with its JSON pointer;
    /// the message lists the first few. A <see cref="global::System.Text.Json.JsonException"/>, so code that already
    /// treats JSON exceptions as bad input handles it too.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public sealed class ContractValidationException : global::System.Text.Json.JsonException
    {
        /// <summary>How many errors the message lists; <see cref="Result"/> has them all.</summary>
        public const int ErrorsInMessage = 5;

        /// <summary>Creates the exception for a document of <paramref name="typeName"/> that <paramref name="result"/> rejects.</summary>
        public ContractValidationException(string typeName, ValidationResult result)
            : base(Describe(typeName, result))
        {
            TypeName = typeName;
            Result = result;
        }

        /// <summary>The contract type the document was parsed as, e.g. <c>RunEvent</c>.</summary>
        public string TypeName { get; }

        /// <summary>Every error the validator found.</summary>
        public ValidationResult Result { get; }

        private static string Describe(string typeName, ValidationResult result)
        {
            var count = result.Errors.Count;
            var builder = new global::System.Text.StringBuilder();
            builder.Append("The JSON is not a valid ").Append(typeName).Append(" (")
                .Append(count).Append(count == 1 ? " error" : " errors").Append("):");
            for (var i = 0; i < count && i < ErrorsInMessage; i++)
            {
                builder.Append('\n').Append("  ").Append(result.Errors[i].ToString());
            }

            if (count > ErrorsInMessage)
            {
                builder.Append('\n').Append("  ... and ").Append(count - ErrorsInMessage).Append(" more (see Result.Errors)");
            }

            return builder.ToString();
        }
    }
}
""";
    }
}
