using System.Collections.Generic;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>
    /// Emits a manifest's prompt accessors: the shared support types, one accessor class per prompt
    /// and the catalog listing them, all in <c>{namespace}.Prompts</c>.
    /// </summary>
    internal static class PromptEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(PromptManifestModel model)
        {
            if (model.Prompts.Count == 0)
            {
                yield break;
            }

            var ns = PromptSupportNames.Namespace(model.Namespace);
            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "Prompts." + PromptSupportNames.RenderedPrompt),
                PromptSupportEmitter.Emit(model.FileName, ns));

            foreach (var prompt in model.Prompts)
            {
                yield return new GeneratedSource(
                    CSharpNaming.HintName(model.FileName, "Prompts." + prompt.ClassName),
                    PromptAccessorEmitter.Emit(model.FileName, ns, model.Rendering, prompt));
            }

            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "Prompts." + PromptSupportNames.Catalog),
                PromptCatalogEmitter.Emit(model, ns));
        }
    }
}
