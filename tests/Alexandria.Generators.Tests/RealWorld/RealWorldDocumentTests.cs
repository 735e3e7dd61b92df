using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Xunit.Abstractions;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>
/// Public OpenAPI documents as their publishers ship them (3.0 and 3.1, JSON and YAML, small and large) build through
/// the generator with no error, compile warning-free, and type every body that has a shape. Opt out of the large ones
/// with <c>--filter "Category!=LargeDocument"</c>.
/// </summary>
public sealed class RealWorldDocumentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Documents() => new(RealWorldDocument.Names());

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_public_document_builds_with_no_errors_and_compiles(string name)
    {
        var document = RealWorldDocument.Build(name);
        output.WriteLine(document.Summary());
        foreach (var diagnostic in document.Run.GeneratorDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning || d.Id is "ALX0210" or "ALX0120").Take(50))
        {
            output.WriteLine(diagnostic.ToString());
        }

        foreach (var diagnostic in document.Run.CompilationDiagnostics.Take(30))
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(document.Errors);
        document.Run.AssertCompiles();
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_documents_own_examples_pass_the_generated_validators(string name)
    {
        var document = RealWorldDocument.Build(name);
        var examples = DocumentExamples.Collect(document.FilePath, File.ReadAllText(document.SourceFile));
        output.WriteLine($"{name}: {examples.Count} examples of named schemas");
        if (examples.Count == 0)
        {
            return;
        }

        using var stream = new MemoryStream();
        Assert.True(document.Run.Compilation.Emit(stream).Success);
        var catalog = Assembly.Load(stream.ToArray()).GetTypes().Single(t => t.Namespace == "Alexandria.Contracts" && t.Name.EndsWith("Validators", StringComparison.Ordinal));
        var tryValidate = catalog.GetMethods().Single(m => m.Name == "TryValidate" && m.GetParameters()[1].ParameterType == typeof(JsonElement));

        var failures = 0;
        foreach (var (definition, json, pointer) in examples)
        {
            using var instance = JsonDocument.Parse(json);
            var arguments = new object?[] { definition, instance.RootElement, null, null };
            var known = (bool)tryValidate.Invoke(null, arguments)!;
            var result = arguments[2]!;
            var valid = known && (bool)result.GetType().GetProperty("IsValid")!.GetValue(result)!;
            if (!valid)
            {
                failures++;
                output.WriteLine($"{pointer} ({definition}): {(known ? result.ToString() : "no validator")}");
            }
        }

        output.WriteLine($"{name}: {examples.Count - failures} of {examples.Count} examples valid");
        Assert.Equal(0, failures);
    }
}
