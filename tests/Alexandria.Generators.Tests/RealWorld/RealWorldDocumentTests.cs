using System;
using System.Collections.Generic;
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

    /// <summary>
    /// Every example the document gives for a named schema passes the generated validator, except those listed in the
    /// document's <see cref="KnownExampleDefect"/> file: each listed failure must be one our validator reports at the
    /// listed instance pointer and keyword AND one JsonSchema.Net reports there too (our oneOf/anyOf errors above a listed
    /// defect are its consequences); an unlisted failure, a listed
    /// defect that no longer fails, or one JsonSchema.Net does not confirm fails the test.
    /// </summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public void The_documents_own_examples_pass_the_generated_validators(string name)
    {
        var document = RealWorldDocument.Build(name);
        var text = File.ReadAllText(document.SourceFile);
        var examples = DocumentExamples.Collect(document.FilePath, text);
        var defects = KnownExampleDefect.Load(Path.GetDirectoryName(document.SourceFile)!);
        output.WriteLine($"{name}: {examples.Count} examples of named schemas, {defects.Count} known defects listed");
        Assert.True(examples.Count > 0 || defects.Count == 0, "defects listed for a document with no examples");
        if (examples.Count == 0)
        {
            return;
        }

        using var stream = new MemoryStream();
        Assert.True(document.Run.Compilation.Emit(stream).Success);
        var catalog = Assembly.Load(stream.ToArray()).GetTypes().Single(t => t.Namespace == "Alexandria.Contracts" && t.Name.EndsWith("Validators", StringComparison.Ordinal));
        var tryValidate = catalog.GetMethods().Single(m => m.Name == "TryValidate" && m.GetParameters()[1].ParameterType == typeof(JsonElement));

        var problems = new List<string>();
        var excused = 0;
        var failed = 0;
        SecondValidator? second = null;
        foreach (var (definition, json, pointer) in examples)
        {
            using var instance = JsonDocument.Parse(json);
            var arguments = new object?[] { definition, instance.RootElement, null, null };
            var known = (bool)tryValidate.Invoke(null, arguments)!;
            var result = arguments[2]!;
            var valid = known && (bool)result.GetType().GetProperty("IsValid")!.GetValue(result)!;
            var listed = defects.Where(d => d.Example == pointer).ToList();
            if (valid)
            {
                problems.AddRange(listed.Select(d => "listed defect no longer fails: " + d.Where));
                continue;
            }

            failed++;
            if (!known)
            {
                problems.Add($"{pointer} ({definition}): no validator");
                continue;
            }

            var ours = OurErrors(result);
            // A oneOf/anyOf error at or above a listed defect is its consequence (the branch it picked failed there).
            var unexplained = ours.Where(e => !listed.Any(d => d.Instance == e.Instance && d.Keyword == e.Keyword)
                && !(e.Keyword is "oneOf" or "anyOf" && listed.Any(d => d.Instance == e.Instance || d.Instance.StartsWith(e.Instance + "/", StringComparison.Ordinal)))).ToList();
            second ??= new SecondValidator(document.FilePath, text);
            var theirs = second.Errors(definition, instance.RootElement);
            if (listed.Count == 0 || unexplained.Count > 0)
            {
                problems.Add($"{pointer} ({definition}): {Describe(unexplained)} not listed (JsonSchema.Net: {Describe(theirs)}): {result}");
                continue;
            }

            foreach (var defect in listed)
            {
                if (!ours.Contains((defect.Instance, defect.Keyword)))
                {
                    problems.Add("listed defect not reported by our validator: " + defect.Where);
                }
                else if (!theirs.Contains((defect.Instance, defect.Keyword)))
                {
                    problems.Add($"listed defect not confirmed by JsonSchema.Net: {defect.Where} (it reports {Describe(theirs)})");
                }
                else
                {
                    output.WriteLine($"known defect, confirmed by JsonSchema.Net: {defect.Where}: {defect.Why}");
                }
            }

            excused++;
        }

        problems.AddRange(defects.Where(d => examples.All(e => e.Pointer != d.Example)).Select(d => "listed defect names no example: " + d.Where));
        output.WriteLine($"{name}: {examples.Count - failed} of {examples.Count} examples valid, {excused} of the {failed} others known defects");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Describe(IReadOnlyList<(string Instance, string Keyword)> errors)
        => errors.Count == 0 ? "none: valid" : string.Join(", ", errors.Distinct().Select(e => $"'{e.Instance}' [{e.Keyword}]"));

    private static List<(string Instance, string Keyword)> OurErrors(object result)
        => ((System.Collections.IEnumerable)result.GetType().GetProperty("Errors")!.GetValue(result)!).Cast<object>()
            .Select(e => ((string)e.GetType().GetProperty("InstancePointer")!.GetValue(e)!, (string)e.GetType().GetProperty("Keyword")!.GetValue(e)!))
            .Distinct()
            .ToList();
}
