using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;
using Alexandria.Generators.Model.StrictSchemas;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// For every prompt of a manifest with an output schema, converts that schema for each provider
    /// (<see cref="ProviderRules.All"/>) and reports each keyword a provider cannot express as ALX0501–ALX0503
    /// at the keyword's place in the schema file. Never throws: a failure becomes ALX0004.
    /// </summary>
    internal static class StructuredOutputParser
    {
        public static StructuredOutputModel Parse(PromptManifestModel manifest, EquatableArray<ContractFile> schemaFiles)
        {
            try
            {
                return Export(manifest, schemaFiles);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var failure = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, manifest.FileName, "structured-output export: " + e.GetType().Name + ": " + e.Message);
                return new StructuredOutputModel(manifest.FileName, manifest.Namespace, EquatableArray<PromptOutputSchemas>.Empty, new EquatableArray<DiagnosticInfo>(new[] { failure }));
            }
        }

        public static DiagnosticDescriptor DescriptorFor(StructuredOutputProvider provider) => provider switch
        {
            StructuredOutputProvider.OpenAiStrict => DiagnosticDescriptors.OpenAiStrictSchemaFallback,
            StructuredOutputProvider.Anthropic => DiagnosticDescriptors.AnthropicSchemaFallback,
            _ => DiagnosticDescriptors.OllamaSchemaFallback,
        };

        private static StructuredOutputModel Export(PromptManifestModel manifest, EquatableArray<ContractFile> schemaFiles)
        {
            var documents = new SchemaDocuments(schemaFiles);
            var diagnostics = new List<DiagnosticInfo>();
            var prompts = new List<PromptOutputSchemas>();
            foreach (var prompt in manifest.Prompts)
            {
                // A reference that did not resolve was reported as ALX0101 by the prompt parser.
                if (prompt.OutputSchemaRef is null || prompt.OutputTypeName is null
                    || !documents.TryResolve(null, prompt.OutputSchemaRef, out var document, out var target, out _))
                {
                    continue;
                }

                var exports = new Dictionary<StructuredOutputProvider, (string? Json, EquatableArray<string> Reasons)>();
                var replyRoot = -1;
                var replyShapes = EquatableArray<ReplyShape>.Empty;
                foreach (var rules in ProviderRules.All)
                {
                    var conversion = new StrictSchemaConverter(rules, documents).Convert(document, target);
                    var fallbacks = conversion.Fallbacks.ToList();
                    if (conversion.Schema is not null && rules.Provider == StructuredOutputProvider.OpenAiStrict)
                    {
                        var reply = ReplyShapeBuilder.Build(conversion.Schema);
                        fallbacks.AddRange(reply.Fallbacks);
                        (replyRoot, replyShapes) = (reply.Root, reply.Shapes);
                    }

                    foreach (var site in fallbacks)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DescriptorFor(rules.Provider), site.Location, prompt.Id, site.Keyword, site.Pointer, site.Why));
                    }

                    exports[rules.Provider] = fallbacks.Count == 0
                        ? (conversion.Schema!.ToJson(), EquatableArray<string>.Empty)
                        : (null, fallbacks.Select(f => f.Reason).ToEquatableArray());
                }

                if (exports[StructuredOutputProvider.OpenAiStrict].Json is null)
                {
                    (replyRoot, replyShapes) = (-1, EquatableArray<ReplyShape>.Empty);
                }

                var pointer = prompt.OutputSchemaRef.Substring(prompt.OutputSchemaRef.IndexOf('#') + 1);
                prompts.Add(new PromptOutputSchemas(
                    prompt.ClassName,
                    StrictSchemaConverter.ProviderSafeName(Uri.UnescapeDataString(pointer.Substring(pointer.LastIndexOf('/') + 1))),
                    exports[StructuredOutputProvider.OpenAiStrict].Json,
                    exports[StructuredOutputProvider.Anthropic].Json,
                    exports[StructuredOutputProvider.Ollama].Json,
                    exports[StructuredOutputProvider.OpenAiStrict].Reasons,
                    exports[StructuredOutputProvider.Anthropic].Reasons,
                    exports[StructuredOutputProvider.Ollama].Reasons,
                    replyRoot,
                    replyShapes));
            }

            return new StructuredOutputModel(manifest.FileName, manifest.Namespace, prompts.ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }
}
