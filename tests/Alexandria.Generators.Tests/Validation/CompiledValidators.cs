using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>One error as the tests compare it.</summary>
public sealed record ReportedError(string InstancePointer, string Keyword, string Message);

/// <summary>
/// Runs the generator over contracts, compiles the output, loads the assembly and calls the generated
/// validators. Reflection is used here only, to call into the freshly compiled assembly.
/// </summary>
public sealed class CompiledValidators
{
    private readonly Assembly _assembly;
    private readonly string _namespace;

    private CompiledValidators(Assembly assembly, string ns)
    {
        _assembly = assembly;
        _namespace = ns;
    }

    public static CompiledValidators From(GeneratorHarness harness, string ns = GeneratorHarness.TestNamespace)
    {
        var run = harness.Run();
        var generatorErrors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id.StartsWith("ALX01", StringComparison.Ordinal) == false).ToList();
        var compileErrors = run.Compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
        Assert.True(compileErrors.Count == 0, "Generated code does not compile:\n" + string.Join("\n", compileErrors.Take(30)));
        using var stream = new MemoryStream();
        var emitted = run.Compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(30)));
        _ = generatorErrors;
        return new CompiledValidators(Assembly.Load(stream.ToArray()), ns);
    }

    public IReadOnlyList<ReportedError> Validate(string validatorName, string json, bool? assertFormats = null)
    {
        using var document = JsonDocument.Parse(json);
        var result = Invoke(validatorName, "Validate", document.RootElement, assertFormats);
        var errors = (System.Collections.IEnumerable)result.GetType().GetProperty("Errors")!.GetValue(result)!;
        return errors.Cast<object>()
            .Select(e => new ReportedError(
                (string)e.GetType().GetProperty("InstancePointer")!.GetValue(e)!,
                (string)e.GetType().GetProperty("Keyword")!.GetValue(e)!,
                (string)e.GetType().GetProperty("Message")!.GetValue(e)!))
            .ToList();
    }

    public bool IsValid(string validatorName, string json, bool? assertFormats = null)
    {
        using var document = JsonDocument.Parse(json);
        return (bool)Invoke(validatorName, "IsValid", document.RootElement, assertFormats);
    }

    /// <summary>Calls the <c>ReadOnlySpan&lt;byte&gt;</c> overload through a compiled delegate (spans cannot be boxed).</summary>
    public IReadOnlyList<ReportedError> ValidateUtf8(string validatorName, byte[] utf8)
    {
        var type = ValidatorType(validatorName);
        var method = type.GetMethods().Single(m => m.Name == "Validate" && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<byte>));
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(byte[]));
        var call = System.Linq.Expressions.Expression.Call(
            method,
            System.Linq.Expressions.Expression.Convert(parameter, typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>).GetMethod("op_Implicit", [typeof(byte[])])),
            System.Linq.Expressions.Expression.Constant(null, method.GetParameters()[1].ParameterType));
        var result = System.Linq.Expressions.Expression.Lambda<Func<byte[], object>>(call, parameter).Compile()(utf8);
        var errors = (System.Collections.IEnumerable)result.GetType().GetProperty("Errors")!.GetValue(result)!;
        return errors.Cast<object>()
            .Select(e => new ReportedError(
                (string)e.GetType().GetProperty("InstancePointer")!.GetValue(e)!,
                (string)e.GetType().GetProperty("Keyword")!.GetValue(e)!,
                (string)e.GetType().GetProperty("Message")!.GetValue(e)!))
            .ToList();
    }

    /// <summary>Calls <c>IsValid(ReadOnlySpan&lt;byte&gt;)</c>, the streaming path where the schema allows it.</summary>
    public bool IsValidUtf8(string validatorName, string json) => IsValidUtf8(validatorName, System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>The same on bytes that need not be UTF-8.</summary>
    public bool IsValidUtf8(string validatorName, byte[] utf8)
    {
        var method = ValidatorType(validatorName).GetMethods().Single(m => m.Name == "IsValid" && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<byte>));
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(byte[]));
        var call = System.Linq.Expressions.Expression.Call(
            method,
            System.Linq.Expressions.Expression.Convert(parameter, typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>).GetMethod("op_Implicit", [typeof(byte[])])),
            System.Linq.Expressions.Expression.Constant(null, method.GetParameters()[1].ParameterType));
        return System.Linq.Expressions.Expression.Lambda<Func<byte[], bool>>(call, parameter).Compile()(utf8);
    }

    private object Invoke(string validatorName, string methodName, JsonElement instance, bool? assertFormats)
    {
        var type = ValidatorType(validatorName);
        var method = type.GetMethods().Single(m => m.Name == methodName && m.GetParameters()[0].ParameterType == typeof(JsonElement));
        var optionsType = method.GetParameters()[1].ParameterType;
        object? options = null;
        if (assertFormats is not null)
        {
            options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("AssertFormats")!.SetValue(options, assertFormats);
        }

        return method.Invoke(null, [instance, options])!;
    }

    /// <summary>A support type of the compiled validation runtime (<c>PatternMatching</c>, <c>UnicodeText</c>), for tests of its internals.</summary>
    public Type SupportType(string name)
        => _assembly.GetType(_namespace + ".Validation." + name) ?? throw new InvalidOperationException("No generated support type " + name);

    private Type ValidatorType(string validatorName)
        => _assembly.GetType(_namespace + "." + validatorName) ?? throw new InvalidOperationException("No generated validator " + validatorName);
}
