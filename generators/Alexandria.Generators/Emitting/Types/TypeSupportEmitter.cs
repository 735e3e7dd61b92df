using System.Collections.Generic;
using Alexandria.Generators.Emitting.Types.Support;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// Emits the types area's shared public types once per compilation (not per contract file, so two contracts in one
    /// namespace share them and a cross-file member reads and fails the same way): <c>Optional&lt;T&gt;</c> and
    /// <c>ContractJsonException</c> in the contracts' namespace, <c>ContractValidationException</c> beside
    /// <c>ValidationResult</c>; and the internal helpers every converter and record uses (<c>ContractJsonSupport</c>,
    /// <c>ContractSequenceEquality</c>).
    /// </summary>
    internal static class TypeSupportEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(string contractNamespace)
        {
            yield return Source("Alexandria.Optional.g.cs", OptionalSource.Text, contractNamespace);
            yield return Source("Alexandria.ContractJsonException.g.cs", ContractJsonExceptionSource.Text, contractNamespace);
            yield return Source("Alexandria.Validation.ContractValidationException.g.cs", ContractValidationExceptionSource.Text, SchemaNaming.ValidationNamespace(contractNamespace));
            yield return new GeneratedSource("Alexandria." + TypeEmitContext.SharedSupportClassName + ".g.cs", JsonSupportEmitter.Emit(contractNamespace));
            yield return new GeneratedSource("Alexandria." + TypeEmitContext.SharedEqualityClassName + ".g.cs", SequenceEqualityEmitter.Emit(contractNamespace));
        }

        /// <summary>The fully qualified <c>Optional&lt;T&gt;</c> of the contracts in <paramref name="contractNamespace"/>.</summary>
        public static string OptionalOf(string contractNamespace, string valueType) => "global::" + contractNamespace + ".Optional<" + valueType + ">";

        public static string ContractJsonException(string contractNamespace) => "global::" + contractNamespace + ".ContractJsonException";

        public static string ContractValidationException(string contractNamespace) => "global::" + SchemaNaming.ValidationNamespace(contractNamespace) + ".ContractValidationException";

        private static GeneratedSource Source(string hintName, string text, string ns)
        {
            var writer = new SourceWriter();
            GeneratedFileHeader.Write(writer, "the Alexandria serialization runtime");
            var body = text.Replace("__NAMESPACE__", ns).Replace("__VERSION__", GeneratedFileHeader.Version).Replace("\r\n", "\n");
            return new GeneratedSource(hintName, writer + body + "\n");
        }
    }
}
