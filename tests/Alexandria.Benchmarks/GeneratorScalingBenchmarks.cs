using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Alexandria.Generators;
using Alexandria.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Benchmarks;

/// <summary>The Alexandria source generator over 1, 10, 100 and 1,000 small synthetic schema files: time should grow linearly.</summary>
[MemoryDiagnoser]
public class GeneratorScalingBenchmarks
{
    private ImmutableArray<AdditionalText> _texts;
    private CSharpCompilation _compilation = null!;

    [Params(1, 10, 100, 1000)]
    public int Schemas { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = Enumerable.Range(0, Schemas).Select(i => (AdditionalText)new MemoryText($"/contracts/synthetic_{i:D4}.json", SyntheticScalingSchema.Text(i))).ToImmutableArray();
        _compilation = CSharpCompilation.Create(
            "Alexandria.Benchmarks.Generated",
            [],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (Run() < Schemas)
        {
            throw new InvalidOperationException("generator produced fewer sources than schemas");
        }
    }

    [Benchmark(Description = "ContractGenerator run")]
    public int Run()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ContractGenerator().AsSourceGenerator()],
            _texts,
            new CSharpParseOptions(LanguageVersion.Preview),
            new Options());
        driver = driver.RunGenerators(_compilation);
        return driver.GetRunResult().Results.Sum(r => r.GeneratedSources.Length);
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly Dict Contract = new(new() { ["build_metadata.AdditionalFiles.AlexandriaContract"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Dict(new() { ["build_property.AlexandriaNamespace"] = "Synthetic" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Dict.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Contract;

        private sealed class Dict(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Dict Empty = new(new());

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
