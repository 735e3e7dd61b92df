using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>
/// Supplies the MSBuild-visible options the generator reads: global properties, and the
/// <c>AlexandriaContract</c> metadata for every additional file (as build/Alexandria.Generators.targets sets it),
/// plus any per-file metadata a test gives (e.g. <c>AlexandriaEmit=validators</c>).
/// </summary>
public sealed class TestAnalyzerConfigOptionsProvider(
    IReadOnlyDictionary<string, string> globalOptions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fileMetadata = null) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions ContractFileOptions = new(new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.AlexandriaContract"] = "true",
    });

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        if (fileMetadata is null || !fileMetadata.TryGetValue(textFile.Path, out var metadata))
        {
            return ContractFileOptions;
        }

        var values = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.AlexandriaContract"] = "true" };
        foreach (var (name, value) in metadata)
        {
            values["build_metadata.AdditionalFiles." + name] = value;
        }

        return new DictionaryOptions(values);
    }

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            => values.TryGetValue(key, out value);
    }
}
