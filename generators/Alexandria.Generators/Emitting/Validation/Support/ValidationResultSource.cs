namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>The public result types every generated validator returns, emitted once per compilation.</summary>
    internal static class ValidationResultSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>The outcome of validating one JSON instance with a generated validator: every error, or none.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public sealed class ValidationResult
    {
        /// <summary>The result with no errors.</summary>
        public static ValidationResult Valid { get; } = new ValidationResult(new ValidationError[0]);

        /// <summary>Creates a result holding <paramref name="errors"/>.</summary>
        public ValidationResult(global::System.Collections.Generic.IReadOnlyList<ValidationError> errors)
        {
            Errors = errors;
        }

        /// <summary>True when the instance satisfies the schema.</summary>
        public bool IsValid => Errors.Count == 0;

        /// <summary>
        /// Every violation, the most specific first: errors at a location, in the instance's document order (a member
        /// before the members inside it), then the anyOf/oneOf errors those explain. <c>Errors[0]</c> is the one to show.
        /// </summary>
        public global::System.Collections.Generic.IReadOnlyList<ValidationError> Errors { get; }

        /// <summary>One line per error, for logs and repair prompts.</summary>
        public override string ToString()
        {
            if (IsValid)
            {
                return "valid";
            }

            var builder = new global::System.Text.StringBuilder();
            foreach (var error in Errors)
            {
                builder.Append(error.ToString()).Append('\n');
            }

            return builder.ToString(0, builder.Length - 1);
        }
    }

    /// <summary>One schema violation.</summary>
    /// <param name="InstancePointer">Where in the instance (RFC 6901 JSON pointer; empty for the root).</param>
    /// <param name="Keyword">The schema keyword that failed, e.g. <c>required</c>; <c>json</c> when the input is not JSON.</param>
    /// <param name="Message">What is wrong, for a person.</param>
    /// <param name="SchemaPointer">The failing keyword's place in the schema, e.g. <c>#/$defs/run/properties/id/pattern</c>.</param>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public readonly record struct ValidationError(string InstancePointer, string Keyword, string Message, string SchemaPointer)
    {
        /// <inheritdoc/>
        public override string ToString() => (InstancePointer.Length == 0 ? "(root)" : InstancePointer) + ": " + Message + " [" + Keyword + "]";
    }

    /// <summary>Options for one validation call.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    public sealed class ValidationOptions
    {
        /// <summary>
        /// Whether <c>format</c> (uuid, date-time, …) is asserted. Null keeps the contract's default: on for
        /// <c>$defs</c> contracts, off for validator-only schemas (draft 2020-12 treats format as an annotation),
        /// unless the contract sets <c>x-alexandria-assert-formats</c> or <c>AlexandriaAssertFormats</c>.
        /// </summary>
        public bool? AssertFormats { get; set; }
    }
}
""";
    }
}
