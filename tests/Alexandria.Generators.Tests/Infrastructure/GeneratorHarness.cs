using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>
/// Drives <see cref="ContractGenerator"/> in-process over contract texts and C# sources, the way the
/// compiler does in a build, and compiles the result with nullable enabled and warnings as errors.
/// </summary>
public sealed class GeneratorHarness
{
    public const string TestNamespace = "Alexandria.Contracts";

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal)
                           || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private readonly List<InMemoryAdditionalText> _contracts = [];
    private readonly List<SyntaxTree> _sources = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _metadata = [];
    private string _namespace = TestNamespace;

    public GeneratorHarness WithContract(string path, string text)
    {
        _contracts.Add(new InMemoryAdditionalText(path, text));
        return this;
    }

    /// <summary>Adds a contract with AdditionalFiles metadata, e.g. <c>("AlexandriaEmit", "validators")</c>.</summary>
    public GeneratorHarness WithContract(string path, string text, params (string Name, string Value)[] metadata)
    {
        _contracts.Add(new InMemoryAdditionalText(path, text));
        _metadata[path] = metadata.ToDictionary(m => m.Name, m => m.Value);
        return this;
    }

    /// <summary>Adds every contract file of the repository's <c>contracts/</c> folder (not examples).</summary>
    public GeneratorHarness WithRepositoryContracts()
    {
        foreach (var path in RepositoryPaths.ContractFiles())
        {
            WithContract(path, File.ReadAllText(path));
        }

        return this;
    }

    public GeneratorHarness WithSource(string source, string path = "Consumer.cs")
    {
        _sources.Add(CSharpSyntaxTree.ParseText(source, ParseOptions, path));
        return this;
    }

    public GeneratorHarness WithNamespace(string ns)
    {
        _namespace = ns;
        return this;
    }

    public IReadOnlyList<InMemoryAdditionalText> Contracts => _contracts;

    /// <summary>
    /// One empty compilation every run derives from: a derived compilation reuses its resolved references, where a new
    /// one would load the ~150 framework assemblies' symbols again (most of a small run's time).
    /// </summary>
    private static readonly Lazy<CSharpCompilation> EmptyCompilation = new(() => CSharpCompilation.Create(
        "Alexandria.Generated.Tests",
        [],
        FrameworkReferences.Value,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable)));

    public CSharpCompilation CreateCompilation() => EmptyCompilation.Value.AddSyntaxTrees(_sources);

    public GeneratorDriver CreateDriver(bool trackSteps = true)
        => CSharpGeneratorDriver.Create(
            [new ContractGenerator().AsSourceGenerator()],
            _contracts,
            ParseOptions,
            new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>
            {
                ["build_property.AlexandriaNamespace"] = _namespace,
            }, _metadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once without compiling its output: the diagnostics it reports.</summary>
    public ImmutableArray<Diagnostic> RunGeneratorOnly()
    {
        CreateDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(CreateCompilation(), out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>Runs the generator once and compiles everything.</summary>
    public GeneratorRun Run()
    {
        var compilation = CreateCompilation();
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), (CSharpCompilation)output, generatorDiagnostics);
    }
}

/// <summary>The outcome of one generator run: generated sources, generator diagnostics, and the compiled result.</summary>
public sealed record GeneratorRun(GeneratorDriverRunResult Result, CSharpCompilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IEnumerable<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources);

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiler errors and warnings in the generated + consumer code (warnings are errors here).</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics
        => Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Fails with every message if the generated code does not compile cleanly.</summary>
    public GeneratorRun AssertCompiles()
    {
        var errors = CompilationDiagnostics;
        Assert.True(errors.Count == 0, "Generated code does not compile:\n" + string.Join("\n", errors.Take(40)));
        return this;
    }
}
