namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The bodies of every generated validator's <c>Validate</c> and <c>IsValid</c>, emitted once per compilation: they
    /// differ between validators only in the compiled methods they call, which each validator passes in. Written
    /// into every validator class they were ≈ 3,000 chars of the same code per definition.
    /// </summary>
    internal static class ValidatorRuntimeSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>A compiled subschema over a document, entered at its resource (a validator's private <c>Run</c>).</summary>
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal delegate bool DocumentCheck(ValidationContext context, global::System.Text.Json.JsonElement instance);

    /// <summary>A compiled subschema over a <c>Utf8JsonReader</c> positioned on the value.</summary>
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal delegate bool StreamingCheck(ref StreamingState state, ref global::System.Text.Json.Utf8JsonReader reader);

    /// <summary>What every generated validator's <c>Validate</c> and <c>IsValid</c> do, around its own compiled methods.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class ValidatorRuntime
    {
        public static ValidationResult Validate(global::System.Text.Json.JsonElement instance, ValidationOptions? options, bool assertFormats, DocumentCheck run)
        {
            // Valid input is the common case: the first-violation pass decides it without collecting or allocating
            // errors, so only an invalid instance pays for the every-error pass.
            if (IsValid(instance, options, assertFormats, run)) return ValidationResult.Valid;
            // A string that is not Unicode text (an unpaired surrogate escape, bytes that are not UTF-8) is refused
            // where it is, before any keyword could fail on reading it.
            if (UnicodeText.Check(instance) is { } unreadable) return unreadable;
            var context = new ValidationContext(collect: true, assertFormats: options?.AssertFormats ?? assertFormats);
            try { run(context, instance); }
            catch (PatternTimeoutException e) { return new ValidationResult(new[] { e.Error }); }
            // A last resort only: no keyword reads text UnicodeText has not read first.
            catch (global::System.InvalidOperationException e) { return JsonValues.Unreadable(e); }
            return context.ToResult(instance);
        }

        public static ValidationResult Validate(global::System.ReadOnlySpan<byte> utf8, ValidationOptions? options, bool assertFormats, StreamingCheck? stream, DocumentCheck run)
        {
            // One reader pass (no document) decides valid input; errors are built only when there are some.
            if (IsValid(utf8, options, assertFormats, stream, run)) return ValidationResult.Valid;
            if (!JsonValues.TryParse(utf8, out var document, out var failure)) return failure!;
            using (document) return Validate(document!.RootElement, options, assertFormats, run);
        }

        public static bool IsValid(global::System.Text.Json.JsonElement instance, ValidationOptions? options, bool assertFormats, DocumentCheck run)
        {
            if (!UnicodeText.IsReadable(instance)) return false;
            try { return run(new ValidationContext(collect: false, assertFormats: options?.AssertFormats ?? assertFormats), instance); }
            catch (PatternTimeoutException) { return false; }
            catch (global::System.InvalidOperationException) { return false; }
        }

        /// <summary>
        /// One forward reader pass when the schema streams (<paramref name="stream"/> is not null), else (or when that
        /// pass cannot decide) the document path. It gives Validate's verdict and never throws on bad input.
        /// </summary>
        public static bool IsValid(global::System.ReadOnlySpan<byte> utf8, ValidationOptions? options, bool assertFormats, StreamingCheck? stream, DocumentCheck run)
        {
            try
            {
                if (stream is not null)
                {
                    if (!UnicodeText.IsReadable(utf8)) return false;
                    var state = new StreamingState(utf8, options?.AssertFormats ?? assertFormats);
                    var reader = new global::System.Text.Json.Utf8JsonReader(utf8, StreamingValues.ReaderOptions);
                    if (reader.Read() && stream(ref state, ref reader)) return !reader.Read();
                    if (!state.Undecided) return false;
                }

                if (!JsonValues.TryParse(utf8, out var document, out _)) return false;
                using (document) return IsValid(document!.RootElement, options, assertFormats, run);
            }
            // Syntax errors; a pattern past its time limit refuses the document (and ends the pass at once).
            catch (global::System.Text.Json.JsonException) { return false; }
            catch (global::System.Text.RegularExpressions.RegexMatchTimeoutException) { return false; }
            catch (global::System.InvalidOperationException) { return false; }
        }
    }
}
""";
    }
}
