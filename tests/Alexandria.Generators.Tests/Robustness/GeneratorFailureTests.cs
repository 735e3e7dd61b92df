using System;
using System.Linq;
using System.Reflection;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;
using Alexandria.Generators.Model.Validation;
using Alexandria.Generators.Parsing.OpenApi;
using Alexandria.Generators.Parsing.Prompts;
using Alexandria.Generators.Parsing.Schema;
using Alexandria.Generators.Parsing.Validation;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// ALX0004, the generator's catch-all (issue 15, item 17). No contract is known to make an area throw (the schema
/// fuzzer checks that none does), so the failure is injected the only way that needs no hook in the product: the
/// generator's own boundary, <c>ContractGenerator.Guard</c>, is called by reflection with a parse step that throws,
/// exactly as the pipeline calls it with each area's parser.
/// </summary>
public sealed class GeneratorFailureTests
{
    private static readonly ContractFile File = new("/repo/contracts/broken.json", "broken.json", "{ \"$defs\": {} }", "Alexandria.Contracts");

    public static TheoryData<string> Areas() => new() { "types", "validators", "prompts", "openapi" };

    [Theory]
    [MemberData(nameof(Areas))]
    public void An_exception_inside_an_area_becomes_ALX0004_located_at_the_contract_and_fails_the_build(string area)
    {
        var diagnostics = area switch
        {
            "types" => Guard<SchemaTypesModel>(SchemaTypeParser.Failed).Diagnostics,
            "validators" => Guard<ValidatorModel>(ValidatorParser.Failed).Diagnostics,
            "prompts" => Guard<Model.Prompts.PromptManifestModel>(PromptManifestParser.Failed).Diagnostics,
            _ => Guard<Model.OpenApi.OpenApiModel>(OpenApiParser.Failed).Diagnostics,
        };

        var diagnostic = Assert.Single(diagnostics).ToDiagnostic();
        Assert.Equal("ALX0004", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);   // an error: the build cannot be green
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(File.Path, span.Path);
        Assert.Equal((0, 0), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("'broken.json'", diagnostic.GetMessage());
        Assert.Contains("InvalidOperationException: injected failure", diagnostic.GetMessage());
    }

    [Fact]
    public void Cancellation_is_not_turned_into_ALX0004()
    {
        var guard = GuardMethod<SchemaTypesModel>();
        Func<ContractFile, SchemaTypesModel> cancelled = _ => throw new OperationCanceledException();
        Func<ContractFile, DiagnosticInfo, SchemaTypesModel> failed = SchemaTypeParser.Failed;

        var thrown = Assert.Throws<TargetInvocationException>(() => guard.Invoke(null, [File, cancelled, failed]));
        Assert.IsType<OperationCanceledException>(thrown.InnerException);
    }

    private static TModel Guard<TModel>(Func<ContractFile, DiagnosticInfo, TModel> failed)
    {
        Func<ContractFile, TModel> parse = _ => throw new InvalidOperationException("injected failure");
        return (TModel)GuardMethod<TModel>().Invoke(null, [File, parse, failed])!;
    }

    private static MethodInfo GuardMethod<TModel>()
        => typeof(ContractGenerator).GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Single(m => m.Name == "Guard").MakeGenericMethod(typeof(TModel));
}
