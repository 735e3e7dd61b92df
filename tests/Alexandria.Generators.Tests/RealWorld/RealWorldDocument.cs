using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>One vendored public OpenAPI document (tests/Alexandria.OpenApi.RealWorld/specs/&lt;name&gt;/) built through the generator.</summary>
public sealed class RealWorldDocument
{
    public static string SpecsDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Alexandria.OpenApi.RealWorld", "specs");

    private RealWorldDocument(string name, string sourceFile, string path, GeneratorRun run)
    {
        Name = name;
        SourceFile = sourceFile;
        FilePath = path;
        Run = run;
    }

    /// <summary>The vendored file on disk.</summary>
    public string SourceFile { get; }

    public string Name { get; }

    public string FilePath { get; }

    public GeneratorRun Run { get; }

    /// <summary>Documents over 1 MB take minutes each on two cores: they run when <c>ALEXANDRIA_LARGE_OPENAPI=1</c>.</summary>
    public const long LargeDocumentBytes = 1_000_000;

    public static IEnumerable<string> Names()
        => Directory.GetDirectories(SpecsDirectory)
            .Where(d => Environment.GetEnvironmentVariable("ALEXANDRIA_LARGE_OPENAPI") == "1"
                        || Directory.GetFiles(d).Max(f => new FileInfo(f).Length) < LargeDocumentBytes)
            .Select(d => Path.GetFileName(d)!)
            .OrderBy(n => n, StringComparer.Ordinal);

    public static RealWorldDocument Build(string name)
    {
        var file = Directory.GetFiles(Path.Combine(SpecsDirectory, name)).Single(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal));
        var path = "/repo/contracts/" + Path.GetFileName(file);
        return new RealWorldDocument(name, file, path, new GeneratorHarness().WithContract(path, File.ReadAllText(file)).Run());
    }

    public IReadOnlyList<Diagnostic> Errors => Run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>Records, unions and enums generated from the document's schemas (not validators, converters or server types).</summary>
    public IReadOnlyList<INamedTypeSymbol> SchemaTypes
        => Run.Compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Where(n => n.Name == "Alexandria")
            .SelectMany(n => n.GetNamespaceMembers()).Where(n => n.Name == "Contracts")
            .SelectMany(n => n.GetTypeMembers())
            .Where(t => !t.IsStatic && !t.Name.EndsWith("JsonConverter", StringComparison.Ordinal) && t.Name != "Optional" && !t.Name.StartsWith("Contract", StringComparison.Ordinal))
            .ToList();

    /// <summary>Every place a value is typed JsonElement: server bodies and parameters (ALX0210) and schema members (ALX0120).</summary>
    public IReadOnlyList<Diagnostic> Untyped => Run.GeneratorDiagnostics.Where(d => d.Id is "ALX0210" or "ALX0120").ToList();

    /// <summary>
    /// Properties of the generated types (and server records) whose type involves JsonElement other than as a map's
    /// values, counted from the compiled symbols: a map of JsonElement (an object with no declared properties) is a
    /// typed object, as Kiota's and NSwag's classes holding additional data are.
    /// </summary>
    public int JsonElementMembers => MemberTypes().Count(t => t.Replace(JsonMap, "", StringComparison.Ordinal).Contains("JsonElement", StringComparison.Ordinal));

    /// <summary>Properties typed a map of JsonElement (objects with no declared properties), counted from the compiled symbols.</summary>
    public int JsonElementMapMembers => MemberTypes().Count(t => t.Contains(JsonMap, StringComparison.Ordinal));

    private const string JsonMap = "IReadOnlyDictionary<string, System.Text.Json.JsonElement>";

    private IEnumerable<string> MemberTypes()
        => Run.Compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Where(n => n.Name == "Alexandria")
            .SelectMany(n => n.GetNamespaceMembers()).Where(n => n.Name == "Contracts")
            .SelectMany(n => n.GetTypeMembers().Concat(n.GetNamespaceMembers().SelectMany(s => s.GetTypeMembers())))
            .SelectMany(t => t.GetMembers().OfType<IPropertySymbol>().Concat(t.GetTypeMembers().SelectMany(c => c.GetMembers().OfType<IPropertySymbol>())))
            .Select(p => p.Type.ToDisplayString());

    public string Summary()
        => $"{Name}: errors {Errors.Count}, compile {Run.CompilationDiagnostics.Count}, types {SchemaTypes.Count}, JsonElement {Untyped.Count} (members {JsonElementMembers}, maps of JsonElement {JsonElementMapMembers}), " +
           "diagnostics " + string.Join(" ", Run.GeneratorDiagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => g.Key + "×" + g.Count()));
}
