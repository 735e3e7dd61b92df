using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>The generated validators of Alexandria's own contracts against contracts/examples.</summary>
public sealed class ContractExampleValidationTests
{
    private static readonly System.Lazy<CompiledValidators> Validators = new(() => CompiledValidators.From(new GeneratorHarness().WithRepositoryContracts()));

    public static IEnumerable<object[]> Examples()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "index.json")));
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            yield return [entry.GetProperty("file").GetString()!, entry.GetProperty("def").GetString()!, entry.GetProperty("valid").GetBoolean()];
        }
    }

    public static IEnumerable<object[]> ExpectedErrors()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "expected_errors.json")));
        foreach (var entry in expected.RootElement.EnumerateArray())
        {
            var errors = entry.GetProperty("errors").EnumerateArray()
                .Select(e => e.GetProperty("instance_pointer").GetString() + " " + e.GetProperty("keyword").GetString())
                .ToArray();
            yield return [entry.GetProperty("file").GetString()!, entry.GetProperty("def").GetString()!, errors];
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_gets_the_verdict_the_index_expects(string file, string definition, bool valid)
    {
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, file));
        var errors = Validators.Value.Validate(ValidatorFor(definition), json);
        Assert.True(valid == (errors.Count == 0), file + ": " + string.Join("; ", errors));
        Assert.Equal(valid, Validators.Value.IsValid(ValidatorFor(definition), json));
    }

    [Theory]
    [MemberData(nameof(ExpectedErrors))]
    public void Each_invalid_example_reports_exactly_the_expected_pointers_and_keywords(string file, string definition, string[] expected)
    {
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, file));
        var errors = Validators.Value.Validate(ValidatorFor(definition), json);
        Assert.Equal(expected.Order(), errors.Select(e => e.InstancePointer + " " + e.Keyword).Order());
    }

    private static string ValidatorFor(string definition) => SchemaNaming.ValidatorName(SchemaNaming.TypeName(definition));
}
