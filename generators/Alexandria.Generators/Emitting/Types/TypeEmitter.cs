using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    internal static class TypeEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(SchemaTypesModel model) => Enumerable.Empty<GeneratedSource>();
    }
}
