using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// Makes a fuzz case's compile check cheap without weakening it. The once-per-compilation support files
/// (ValidationResult, Optional&lt;T&gt;, …) are ~75% of every case's generated code and identical from case to case;
/// binding their declarations again each time was most of a case's cost. They are compiled alone once (every
/// diagnostic, method bodies included: they must be clean) and then a case needs only its own files checked —
/// provided nothing the case declares can change how the support files bind. That holds when the case's support
/// files are byte-for-byte the baseline's, and none of the names the case's files make visible to other files
/// (namespace-level types and namespaces, extension methods, <c>X</c> for an <c>XAttribute</c>) is spelled by any
/// identifier in the support files, and the case has no <c>global using</c> or assembly/module attribute. Otherwise
/// the whole compilation is checked, method bodies of the support files included.
/// </summary>
public static class SharedCodeBaseline
{
    private sealed record Baseline(bool Clean, HashSet<string> Identifiers, HashSet<string> Namespaces);

    private static readonly ConcurrentDictionary<string, Baseline> Baselines = new(StringComparer.Ordinal);

    /// <summary>Every warning and error of the compilation that the case's own files could cause.</summary>
    public static IEnumerable<Diagnostic> Problems(CSharpCompilation compilation, Func<SyntaxTree, bool> isOwn)
    {
        var own = compilation.SyntaxTrees.Where(isOwn).ToList();
        var shared = compilation.SyntaxTrees.Where(t => !isOwn(t)).ToList();
        var diagnostics = CannotAffect(shared, own)
            ? own.SelectMany(t => compilation.GetSemanticModel(t).GetDiagnostics())
            : compilation.GetDiagnostics();
        return diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Distinct();
    }

    /// <summary>True when the shared files are a clean baseline the own files cannot reach into.</summary>
    public static bool CannotAffect(IReadOnlyList<SyntaxTree> shared, IReadOnlyList<SyntaxTree> own)
    {
        var key = string.Join("\u0000", shared.Select(t => t.FilePath + "\u0001" + t.GetText()));
        var baseline = Baselines.GetOrAdd(key, _ => Build(shared));
        return baseline.Clean && !own.Any(ReachesEveryFile) && !VisibleNames(own, baseline.Namespaces).Any(baseline.Identifiers.Contains);
    }

    private static Baseline Build(IReadOnlyList<SyntaxTree> shared)
    {
        var alone = new GeneratorHarness().CreateCompilation().AddSyntaxTrees(shared);
        var clean = !alone.GetDiagnostics().Any(d => d.Severity >= DiagnosticSeverity.Warning);
        var identifiers = shared
            .SelectMany(t => t.GetRoot().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        return new Baseline(clean, identifiers, shared.SelectMany(t => NamespacesAndPrefixes(t.GetRoot())).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>A <c>global using</c> or an assembly/module attribute changes every file of the compilation.</summary>
    private static bool ReachesEveryFile(SyntaxTree tree)
        => tree.GetRoot() is CompilationUnitSyntax root
           && (root.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) || root.AttributeLists.Count > 0);

    /// <summary>The names by which other files could bind to something the own files declare.</summary>
    public static IEnumerable<string> VisibleNames(IEnumerable<SyntaxTree> own, IReadOnlySet<string> existingNamespaces)
    {
        foreach (var root in own.Select(t => (CompilationUnitSyntax)t.GetRoot()))
        {
            // A namespace the shared files already declare adds no name; a new one adds its last part.
            foreach (var ns in NamespacesAndPrefixes(root).Where(n => !existingNamespaces.Contains(n)))
            {
                yield return ns[(ns.LastIndexOf('.') + 1)..];
            }

            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case BaseTypeDeclarationSyntax type when type.Parent is not TypeDeclarationSyntax:
                        yield return type.Identifier.ValueText;
                        if (type.Identifier.ValueText.EndsWith("Attribute", StringComparison.Ordinal)) yield return type.Identifier.ValueText[..^"Attribute".Length];
                        break;
                    case DelegateDeclarationSyntax d when d.Parent is not TypeDeclarationSyntax:
                        yield return d.Identifier.ValueText;
                        break;
                    case MethodDeclarationSyntax m when m.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true:
                        yield return m.Identifier.ValueText;
                        break;
                }
            }
        }
    }

    /// <summary>Every namespace a file declares, and each enclosing prefix (<c>A</c>, <c>A.B</c> for <c>namespace A.B</c>).</summary>
    private static IEnumerable<string> NamespacesAndPrefixes(SyntaxNode root)
        => root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseNamespaceDeclarationSyntax>()
            .Select(ns => string.Join(".", ns.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString())))
            .SelectMany(full => full.Split('.').Select((_, i) => string.Join(".", full.Split('.').Take(i + 1))));
}
