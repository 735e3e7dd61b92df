using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting.Prompts;
using Alexandria.Generators.Emitting.Server;
using Alexandria.Generators.Emitting.Types;
using Alexandria.Generators.Emitting.Validation;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;
using Alexandria.Generators.Parsing;
using Alexandria.Generators.Parsing.OpenApi;
using Alexandria.Generators.Parsing.Prompts;
using Alexandria.Generators.Parsing.Schema;
using Alexandria.Generators.Parsing.StrictSchemas;
using Alexandria.Generators.Parsing.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alexandria.Generators
{
    /// <summary>
    /// The front door: wires the incremental pipeline and nothing else. Contract files arrive as
    /// AdditionalFiles marked <c>AlexandriaContract=true</c>; each is classified by shape, then every
    /// area (types, validators, prompts, server) parses it into an equatable model and emits from that.
    /// Source and diagnostics are registered separately so a diagnostic change re-emits no source.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ContractGenerator : IIncrementalGenerator
    {
        private const string DefaultNamespace = "Alexandria.Generated";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // The marker attribute ALX1003 looks for (Analyzers/).
            context.RegisterPostInitializationOutput(Analyzers.DeterministicPromptAssemblyAttributeSource.Add);

            var rootNamespace = context.AnalyzerConfigOptionsProvider.Select(static (provider, _) => ReadNamespace(provider.GlobalOptions));

            var contractFiles = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(static pair => IsContract(pair.Right.GetOptions(pair.Left)))
                .Select(static (pair, ct) => (pair.Left.Path, Text: pair.Left.GetText(ct)?.ToString() ?? "", Options: FileOptions.Read(pair.Right.GetOptions(pair.Left))))
                .Combine(rootNamespace)
                .Select(static (pair, _) => new ContractFile(
                    pair.Left.Path, Path.GetFileName(pair.Left.Path), pair.Left.Text, pair.Right,
                    pair.Left.Options.Emit, pair.Left.Options.ValidatorName, pair.Left.Options.AssertFormats, pair.Left.Options.SchemaUri, pair.Left.Options.SchemaDraft))
                .WithTrackingName(TrackingNames.ContractFiles);

            // Schema documents $refs may name by URI (AlexandriaSchemaUri metadata), resolved at build time.
            var schemaDocuments = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) => (pair.Left, Uri: FileOptions.Read(pair.Right.GetOptions(pair.Left)).SchemaUri, ct))
                .Where(static item => item.Uri.Length > 0)
                .Select(static (item, _) => new SchemaDocumentSource(item.Uri, item.Left.Path, item.Left.GetText(item.ct)?.ToString() ?? ""))
                .Collect()
                .Select(static (all, _) => all.OrderBy(d => d.Uri, StringComparer.Ordinal).ToEquatableArray());

            var classified = contractFiles
                .Select(static (file, _) => Classify(file))
                .WithTrackingName(TrackingNames.ContractKinds);
            context.RegisterSourceOutput(classified.Select(static (c, _) => c.Diagnostics), ReportDiagnostics);

            // OpenAPI documents with schemas of their own go through the schema areas too (as their schema view).
            // Each carries the document parsed at classification: the areas below read it, none parses the text again.
            var schemas = classified.Where(static c => c.Kind == ContractKind.JsonSchema || c.DefinesSchemas).Select(static (c, _) => c.Contract);
            var typedSchemas = schemas.Where(static contract => !contract.File.IsValidatorOnly);
            var prompts = classified.Where(static c => c.Kind == ContractKind.PromptManifest).Select(static (c, _) => c.File);
            var openApis = classified.Where(static c => c.Kind == ContractKind.OpenApi).Select(static (c, _) => c.File);

            // Types and serialization.
            var schemaModels = typedSchemas
                .Select(static (contract, _) => Guard(contract.File, file => SchemaTypeParser.Parse(file, contract.Document), SchemaTypeParser.Failed))
                .WithTrackingName(TrackingNames.SchemaModels);

            // Inline objects and enums that became types get validators too, so every type's Parse can validate; so do
            // the branches a wrapper union's converter tells apart by validating.
            var inlineTypes = schemaModels
                .Select(static (m, _) => m.Types.Where(t => !InlineTypeSchema.IsDefinition(t.Pointer)).Select(t => new InlineTypeSchema(m.FileName, t.Pointer, t.Name))
                    .Concat(WrapperUnionDeclaration.BranchValidators(m)).ToEquatableArray())
                .Collect()
                .Select(static (all, _) => all.SelectMany(a => a).OrderBy(t => t.FileName, StringComparer.Ordinal).ThenBy(t => t.Pointer, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.InlineTypes);

            // Validators.
            // Each file's validators see only its own inline types: a cheap per-file filter first, so an edit elsewhere
            // that changes the gathered list leaves this file's parse cached.
            var validatorModels = schemas
                .Combine(schemaDocuments)
                .Combine(inlineTypes)
                .Select(static (pair, _) => (Contract: pair.Left.Left, Documents: pair.Left.Right, InlineTypes: InlineTypeSchema.Of(pair.Right, pair.Left.Left.File.FileName)))
                .Select(static (input, _) => Guard(input.Contract.File, file => ValidatorParser.Parse(file, input.Contract.Document, input.Documents, input.InlineTypes), ValidatorParser.Failed))
                .WithTrackingName(TrackingNames.ValidatorModels);
            context.RegisterSourceOutput(validatorModels.Select(static (m, _) => m.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(validatorModels.Select(static (m, _) => m.WithoutDiagnostics()), static (spc, model) => AddSources(spc, ValidatorEmitter.Emit(model)));

            // ValidationResult & co. exist once per compilation (not per file), and only if there is a schema.
            // Not post-initialization output: their namespace comes from MSBuild options.
            var validationSupport = schemas.Collect()
                .Select(static (all, _) => all.Length > 0)
                .Combine(rootNamespace);
            context.RegisterSourceOutput(validationSupport, static (spc, pair) =>
            {
                if (pair.Left)
                {
                    AddSources(spc, ValidationSupportEmitter.Emit(pair.Right));
                }
            });

            // Optional<T>, ContractJsonException and ContractValidationException: once per compilation, like ValidationResult.
            var typeSupport = typedSchemas.Collect()
                .Select(static (all, _) => all.Length > 0)
                .Combine(rootNamespace);
            context.RegisterSourceOutput(typeSupport, static (spc, pair) =>
            {
                if (pair.Left)
                {
                    AddSources(spc, TypeSupportEmitter.Emit(pair.Right));
                }
            });

            // What other contracts may reference across files.
            var exports = schemaModels
                .Select(static (m, _) => m.Exports)
                .Collect()
                .Select(static (all, _) => all.SelectMany(e => e).OrderBy(e => e.FileName, StringComparer.Ordinal).ThenBy(e => e.Pointer, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.SchemaExports);

            // Types emit once cross-file $refs are resolved against every schema file's exports.
            var schemaTypes = schemaModels
                .Combine(exports)
                .Select(static (pair, _) => CrossFileReferenceResolver.Resolve(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.SchemaTypes);
            context.RegisterSourceOutput(schemaTypes.Select(static (m, _) => m.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(schemaTypes.Select(static (m, _) => m.WithoutDiagnostics()), static (spc, model) => AddSources(spc, TypeEmitter.Emit(model)));

            // Prompt accessors.
            var promptModels = prompts
                .Combine(exports)
                .Select(static (pair, _) => Guard(pair.Left, file => PromptManifestParser.Parse(file, pair.Right), PromptManifestParser.Failed))
                .WithTrackingName(TrackingNames.PromptModels);
            context.RegisterSourceOutput(promptModels.Select(static (m, _) => m.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(promptModels.Select(static (m, _) => m.WithoutDiagnostics()), static (spc, model) => AddSources(spc, PromptEmitter.Emit(model)));

            // Each prompt's output schema as OpenAI strict / Anthropic / Ollama structured-output schemas (ALX05xx where not expressible).
            var schemaFiles = schemas.Collect()
                .Select(static (all, _) => all.Select(c => c.File).OrderBy(f => f.FileName, StringComparer.Ordinal).ToEquatableArray());
            var structuredOutputs = promptModels
                .Select(static (m, _) => m.WithoutDiagnostics())
                .Combine(schemaFiles)
                .Select(static (pair, _) => StructuredOutputParser.Parse(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.StructuredOutputs);
            context.RegisterSourceOutput(structuredOutputs.Select(static (m, _) => m.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(structuredOutputs.Select(static (m, _) => m.WithoutDiagnostics()), static (spc, model) => AddSources(spc, StructuredOutputEmitter.Emit(model)));

            // Server interface and routes.
            var openApiModels = openApis
                .Combine(exports)
                .Select(static (pair, _) => Guard(pair.Left, file => OpenApiParser.Parse(file, pair.Right), OpenApiParser.Failed))
                .WithTrackingName(TrackingNames.OpenApiModels);
            context.RegisterSourceOutput(openApiModels.Select(static (m, _) => m.Diagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(openApiModels.Select(static (m, _) => m.WithoutDiagnostics()), static (spc, model) => AddSources(spc, ServerEmitter.Emit(model)));

            // Breaking changes against contracts/contracts.lock.json (diagnostics only).
            Drift.DriftPipeline.Register(context, classified);
        }

        private static bool IsContract(AnalyzerConfigOptions options)
            => options.TryGetValue("build_metadata.AdditionalFiles.AlexandriaContract", out var value)
               && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

        private static string ReadNamespace(AnalyzerConfigOptions options)
        {
            if (options.TryGetValue("build_property.AlexandriaNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns))
            {
                return ns.Trim();
            }

            if (options.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root))
            {
                return root.Trim();
            }

            return DefaultNamespace;
        }

        private static ClassifiedContract Classify(ContractFile file)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var document = ContractDocument.Load(file, diagnostics);
            var kind = document is null ? ContractKind.Unknown : file.IsValidatorOnly ? ContractKind.JsonSchema : document.DetectKind();
            if (document is not null && kind == ContractKind.Unknown)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownContractKind, document.Locate(document.Root), file.FileName));
            }

            // Files that are not JSON are reported here once; the areas skip them.
            var definesSchemas = kind == ContractKind.OpenApi && OpenApiSchemaView.Collect(document!).DefinitionCount > 0;
            return new ClassifiedContract(new ParsedContract(file, document), document is null ? ContractKind.Unknown : kind, diagnostics.ToEquatableArray(), definesSchemas);
        }

        /// <summary>
        /// The generator never throws into the compiler: an unexpected failure in an area becomes
        /// ALX0004 located at the contract file, and that area emits nothing for the file.
        /// </summary>
        private static TModel Guard<TModel>(ContractFile file, Func<ContractFile, TModel> parse, Func<ContractFile, DiagnosticInfo, TModel> failed)
        {
            try
            {
                return parse(file);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var location = new SourceLocation(file.Path, 0, 0, 0, 0, 0, 0);
                return failed(file, DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, location, file.FileName, e.GetType().Name + ": " + e.Message));
            }
        }

        private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static void AddSources(SourceProductionContext context, IEnumerable<GeneratedSource> sources)
        {
            try
            {
                foreach (var source in sources)
                {
                    context.AddSource(source.HintName, source.Content);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, "a contract", e.GetType().Name + ": " + e.Message));
            }
        }
    }
}
