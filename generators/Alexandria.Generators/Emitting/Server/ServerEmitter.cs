using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Emitting.Server
{
    internal static class ServerEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(OpenApiModel model) => Enumerable.Empty<GeneratedSource>();
    }
}
