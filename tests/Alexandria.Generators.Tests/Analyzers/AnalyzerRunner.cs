using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Generators.Analyzers;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Tests.Analyzers;

/// <summary>
/// Compiles a consumer in-process the way a build does: the generator runs over the repository's
/// contracts, then the analyzers (and the suppressor) run over the result with the same contract files
/// as AdditionalFiles. Code fixes are applied through an AdhocWorkspace.
/// </summary>
internal static class AnalyzerRunner
{
    public const string ConsumerPath = "Consumer.cs";

    public static readonly ImmutableArray<DiagnosticAnalyzer> All =
    [
        new UnknownContractNameAnalyzer(), new UnionSwitchAnalyzer(), new UnionSwitchSuppressor(),
        new DeterministicPromptAssemblyAnalyzer(), new InlinedEvidenceAnalyzer(), new ContractLiteralAnalyzer(),
    ];

    /// <summary>The repository's generated contract types, compiled once into an assembly the consumers reference.</summary>
    private static readonly Lazy<(MetadataReference Contracts, ImmutableArray<MetadataReference> Framework, CSharpCompilationOptions Options)> Generated = new(() =>
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run().AssertCompiles();
        using var image = new MemoryStream();
        var emitted = run.Compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return (MetadataReference.CreateFromImage(image.ToArray()), run.Compilation.References.ToImmutableArray(), run.Compilation.Options);
    });

    /// <summary>What post-initialization output adds to every compilation (internal, so not visible through the reference).</summary>
    private static readonly string PostInitialization = DeterministicPromptAssemblyAttributeSource.Source
        + "namespace Microsoft.CodeAnalysis { internal sealed partial class EmbeddedAttribute : global::System.Attribute { } }\n";

    /// <summary>The contracts as AdditionalFiles, marked as the build marks them.</summary>
    public static AnalyzerOptions Options(IEnumerable<AdditionalText>? contracts = null)
        => new(
            (contracts ?? RepositoryPaths.ContractFiles().Select(p => new InMemoryAdditionalText(p, File.ReadAllText(p)))).ToImmutableArray(),
            new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>()));

    /// <summary>The generated contract types plus <paramref name="source"/>.</summary>
    public static Compilation Compile(string source)
        => CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, ConsumerPath), CSharpSyntaxTree.ParseText(PostInitialization, GeneratorHarness.ParseOptions, "PostInitialization.g.cs")],
            Generated.Value.Framework.Add(Generated.Value.Contracts),
            Generated.Value.Options);

    /// <summary>Analyzer diagnostics (ALX1xxx) in the consumer file, ordered by position.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source, AnalyzerOptions? options = null)
    {
        var compilation = Compile(source);
        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8509").ToList();
        Assert.True(compileErrors.Count == 0, "The consumer does not compile:\n" + string.Join("\n", compileErrors));
        var withAnalyzers = compilation.WithAnalyzers(All, new CompilationWithAnalyzersOptions(options ?? Options(), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics.Where(d => d.Location.SourceTree?.FilePath == ConsumerPath).OrderBy(d => d.Location.SourceSpan.Start).ToList();
    }

    /// <summary>Compiler and analyzer diagnostics together, with suppressions applied (reported as suppressed).</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AllDiagnosticsAsync(string source)
    {
        var withAnalyzers = Compile(source).WithAnalyzers(All, new CompilationWithAnalyzersOptions(Options(), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
        return diagnostics.Where(d => d.Location.SourceTree?.FilePath == ConsumerPath).ToList();
    }

    /// <summary>Zero-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="source"/>.</summary>
    public static (int Line, int Column) PositionOf(string source, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{marker}' (occurrence {occurrence}) not in the source");
        }

        var position = SourceText.From(source).Lines.GetLinePosition(index);
        return (position.Line, position.Character);
    }

    public static void AssertAt(Diagnostic diagnostic, string id, DiagnosticSeverity severity, (int Line, int Column) at, int length)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(ConsumerPath, span.Path);
        Assert.Equal(at, (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal(length, diagnostic.Location.SourceSpan.Length);
    }

    /// <summary>Applies the first fix <paramref name="provider"/> offers for the first <paramref name="id"/> diagnostic; returns the fixed consumer.</summary>
    public static async Task<string> ApplyFixAsync(string source, string id, CodeFixProvider provider)
    {
        using var workspace = new AdhocWorkspace();
        var generated = Generated.Value;
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
            compilationOptions: generated.Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: generated.Framework.Add(generated.Contracts)));
        project = project.AddDocument("PostInitialization.g.cs", SourceText.From(PostInitialization), filePath: "PostInitialization.g.cs").Project;

        var document = project.AddDocument(ConsumerPath, SourceText.From(source), filePath: ConsumerPath);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(All, Options()).GetAnalyzerDiagnosticsAsync();
        var diagnostic = diagnostics.Where(d => d.Id == id && d.Location.SourceTree?.FilePath == ConsumerPath).OrderBy(d => d.Location.SourceSpan.Start).First();

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        var fix = Assert.Single(actions);
        var operations = await fix.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }
}
