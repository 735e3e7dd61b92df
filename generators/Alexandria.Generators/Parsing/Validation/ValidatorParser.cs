using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Parsing.Validation
{
    internal static class ValidatorParser
    {
        public static ValidatorModel Parse(ContractFile file)
            => new ValidatorModel(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);

        public static ValidatorModel Failed(ContractFile file, DiagnosticInfo failure)
            => new ValidatorModel(file.FileName, file.Namespace, new EquatableArray<DiagnosticInfo>(new[] { failure }));
    }
}
