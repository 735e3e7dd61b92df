using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Emitting.Prompts
{
    internal static class PromptEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(PromptManifestModel model) => Enumerable.Empty<GeneratedSource>();
    }
}
