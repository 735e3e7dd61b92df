using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    internal static class ValidatorEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(ValidatorModel model) => Enumerable.Empty<GeneratedSource>();
    }
}
