using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Alexandria.CodeFixes;
using Alexandria.Generators.Analyzers;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Drift;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Analyzers;

/// <summary>The one catalogue stays whole: documented, release-tracked, and in step with the drift core and the code fixes.</summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));

    private static readonly string Unshipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generators", "Alexandria.Generators", "AnalyzerReleases.Unshipped.md"));

    public static TheoryData<string> Ids() => new(DiagnosticDescriptors.All.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_a_section_with_a_failing_and_a_fixed_example(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        var anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>";
        var start = Docs.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/diagnostics.md has no anchor for {id}");
        var end = Docs.IndexOf("<a id=", start + anchor.Length, StringComparison.Ordinal);
        var section = Docs.Substring(start, (end < 0 ? Docs.Length : end) - start);

        Assert.Contains($"## {id}: {descriptor.Title}", section);
        Assert.Contains("**Severity:** " + descriptor.DefaultSeverity, section);
        Assert.Contains("Fails:", section);
        Assert.Contains("Fixed:", section);
        Assert.Equal(4, section.Split("```").Length - 1);
        Assert.EndsWith("docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_is_release_tracked(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", Unshipped);
    }

    [Fact]
    public void Drift_rule_ids_match_the_catalogue()
    {
        var ids = typeof(DriftRules).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            var descriptor = DiagnosticDescriptors.ById(id);
            Assert.Equal("Alexandria.Drift", descriptor.Category);
            if (DriftRules.Breaking.Contains(id))
            {
                Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            }
        }

        Assert.All(DiagnosticDescriptors.All.Where(d => d.Id.StartsWith("ALX04", StringComparison.Ordinal)), d => Assert.Contains(d.Id, ids));
    }

    [Fact]
    public void Code_fixes_name_ids_and_properties_the_analyzers_report()
    {
        Assert.Equal(UnknownContractNameCodeFixProvider.DiagnosticId, DiagnosticDescriptors.UnknownContractName.Id);
        Assert.Equal(UnknownContractNameCodeFixProvider.SuggestionProperty, UnknownContractNameAnalyzer.SuggestionProperty);
        Assert.Equal(UnionSwitchCodeFixProvider.DiagnosticId, DiagnosticDescriptors.NonExhaustiveUnionSwitch.Id);
        Assert.Equal(UnionSwitchCodeFixProvider.MissingCasesProperty, UnionSwitchAnalyzer.MissingCasesProperty);
    }
}
