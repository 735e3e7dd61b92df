using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>
/// Compiles a generator run and reads a prompt's generated <c>OutputSchemas</c> the way a consumer would use it,
/// through reflection (tests only), together with the generated validators of the same compilation.
/// </summary>
internal sealed class CompiledOutputSchemas
{
    private readonly Assembly _assembly;

    private CompiledOutputSchemas(Assembly assembly) => _assembly = assembly;

    public static CompiledOutputSchemas From(GeneratorRun run)
    {
        run.AssertCompiles();
        using var stream = new MemoryStream();
        var emitted = run.Compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(30)));
        return new CompiledOutputSchemas(Assembly.Load(stream.ToArray()));
    }

    public Schemas For(string promptClass)
    {
        var type = _assembly.GetType(GeneratorHarness.TestNamespace + ".Prompts." + promptClass, throwOnError: true)!;
        var schemas = type.GetProperty("OutputSchemas")!.GetValue(null)!;
        string? Text(string name) => (string?)schemas.GetType().GetProperty(name)!.GetValue(schemas);
        IReadOnlyList<string> Reasons(string name) => (IReadOnlyList<string>)schemas.GetType().GetProperty(name)!.GetValue(schemas)!;

        var map = SpanCall<byte[]>(Expression.Constant(schemas), schemas.GetType().GetMethod("OpenAiReplyToContract")!);
        return new Schemas(
            Text("Name")!, Text("OpenAiStrict"), Text("Anthropic"), Text("Ollama"),
            Reasons("OpenAiFallbackReasons"), Reasons("AnthropicFallbackReasons"), Reasons("OllamaFallbackReasons"), map);
    }

    /// <summary>Runs the generated validator <paramref name="validatorClass"/> on UTF-8 JSON; returns its error messages.</summary>
    public IReadOnlyList<string> Validate(string validatorClass, byte[] utf8)
    {
        var type = _assembly.GetType(GeneratorHarness.TestNamespace + "." + validatorClass, throwOnError: true)!;
        var method = type.GetMethods().Single(m => m.Name == "Validate" && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<byte>));
        var result = SpanCall<object>(null, method, Expression.Constant(null, method.GetParameters()[1].ParameterType))(utf8);
        var errors = (System.Collections.IEnumerable)result.GetType().GetProperty("Errors")!.GetValue(result)!;
        return errors.Cast<object>().Select(e => e.ToString()!).ToList();
    }

    /// <summary>A delegate over a method whose first parameter is a <c>ReadOnlySpan&lt;byte&gt;</c> (spans cannot be boxed for reflection).</summary>
    private static Func<byte[], TResult> SpanCall<TResult>(Expression? instance, MethodInfo method, params Expression[] rest)
    {
        var bytes = Expression.Parameter(typeof(byte[]));
        var span = Expression.Convert(bytes, typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>).GetMethod("op_Implicit", [typeof(byte[])]));
        var call = Expression.Call(instance, method, [span, .. rest]);
        return Expression.Lambda<Func<byte[], TResult>>(Expression.Convert(call, typeof(TResult)), bytes).Compile();
    }

    public sealed record Schemas(
        string Name,
        string? OpenAiStrict,
        string? Anthropic,
        string? Ollama,
        IReadOnlyList<string> OpenAiFallbackReasons,
        IReadOnlyList<string> AnthropicFallbackReasons,
        IReadOnlyList<string> OllamaFallbackReasons,
        Func<byte[], byte[]> OpenAiReplyToContract);
}
