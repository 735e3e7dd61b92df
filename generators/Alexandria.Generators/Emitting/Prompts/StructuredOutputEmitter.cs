using System.Collections.Generic;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.StrictSchemas;

namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>Emits a manifest's structured-output schemas: the shared type once, and each prompt's <c>OutputSchemas</c>.</summary>
    internal static class StructuredOutputEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(StructuredOutputModel model)
        {
            if (model.Prompts.Count == 0)
            {
                yield break;
            }

            var ns = PromptSupportNames.Namespace(model.Namespace);
            yield return new GeneratedSource(
                CSharpNaming.HintName(model.FileName, "OutputSchemas." + PromptSupportNames.StructuredOutputSchemas),
                StructuredOutputSchemasEmitter.Emit(model.FileName, ns));

            foreach (var prompt in model.Prompts)
            {
                yield return new GeneratedSource(
                    CSharpNaming.HintName(model.FileName, "OutputSchemas." + prompt.PromptClassName),
                    PromptOutputSchemasEmitter.Emit(model.FileName, ns, prompt));
            }
        }
    }
}
