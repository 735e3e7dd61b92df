using System.Collections.Generic;
using Alexandria.Generators.Emitting.Validation.Support;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// Emits the validation support types once per compilation, into <see cref="SchemaNaming.ValidationNamespace"/>:
    /// the public <c>ValidationResult</c>, <c>ValidationError</c> and <c>ValidationOptions</c>, and the internal
    /// helpers generated validators call.
    /// </summary>
    internal static class ValidationSupportEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(string contractNamespace)
        {
            var ns = SchemaNaming.ValidationNamespace(contractNamespace);
            yield return Source("Alexandria.Validation.ValidationResult.g.cs", ValidationResultSource.Text, ns);
            yield return Source("Alexandria.Validation.ValidationContext.g.cs", ValidationContextSource.Text, ns);
            yield return Source("Alexandria.Validation.JsonValues.g.cs", JsonValuesSource.Text, ns);
            yield return Source("Alexandria.Validation.InstanceText.g.cs", InstanceTextSource.Text, ns);
            yield return Source("Alexandria.Validation.ErrorOrder.g.cs", ErrorOrderSource.Text, ns);
            yield return Source("Alexandria.Validation.FormatAssertions.g.cs", FormatAssertionsSource.Text, ns);
            yield return Source("Alexandria.Validation.StreamingValues.g.cs", StreamingValuesSource.Text, ns);
            yield return Source("Alexandria.Validation.PatternMatching.g.cs", PatternMatchingSource.Text, ns);
            yield return Source("Alexandria.Validation.UnicodeText.g.cs", UnicodeTextSource.Text, ns);
            yield return Source("Alexandria.Validation.ValidatorRuntime.g.cs", ValidatorRuntimeSource.Text, ns);
        }

        private static GeneratedSource Source(string hintName, string text, string ns)
        {
            var writer = new SourceWriter();
            GeneratedFileHeader.Write(writer, "the Alexandria validation runtime");
            var body = text.Replace("__NAMESPACE__", ns).Replace("__VERSION__", GeneratedFileHeader.Version).Replace("\r\n", "\n");
            return new GeneratedSource(hintName, writer + body + "\n");
        }
    }
}
