using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// The generated code compiled and loaded, so tests can run its converters. Reflection is used here, in the
/// test only, to reach types that do not exist when the test project is built.
/// </summary>
public sealed class GeneratedAssembly
{
    private readonly Assembly _assembly;

    private GeneratedAssembly(Assembly assembly) => _assembly = assembly;

    public static GeneratedAssembly Load(GeneratorRun run)
    {
        run.AssertCompiles();
        using var stream = new MemoryStream();
        var emitted = run.Compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new GeneratedAssembly(context.LoadFromStream(stream));
    }

    public Type Type(string name) => _assembly.GetType(GeneratorHarness.TestNamespace + "." + name, throwOnError: true)!;

    /// <summary>The <c>Options</c> of a contract's generated JSON class, e.g. <c>DrawingJson</c>.</summary>
    public JsonSerializerOptions Options(string jsonClass)
        => (JsonSerializerOptions)Type(jsonClass).GetProperty("Options")!.GetValue(null)!;

    public object Deserialize(string json, string typeName, string jsonClass)
        => JsonSerializer.Deserialize(json, Type(typeName), Options(jsonClass))!;

    public string Serialize(object value, string typeName, string jsonClass)
        => JsonSerializer.Serialize(value, Type(typeName), Options(jsonClass));

    public static object? Get(object instance, string property)
        => instance.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetValue(instance);

    public object? Invoke(string typeName, string method, params object[] arguments)
        => Type(typeName).GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == method).Invoke(null, arguments);

    /// <summary>
    /// Calls a typed entry point's string overload (<c>Parse(string)</c>, <c>ParseUnvalidated(string)</c>), rethrowing
    /// what it throws as itself. (Span overloads cannot be called by reflection: compiled probes call those.)
    /// </summary>
    public object Parse(string typeName, string json, string method = "Parse")
        => Unwrap(() => Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static, [typeof(string)])!.Invoke(null, [json])!);

    /// <summary><c>T.TryParse(string, out T?, out ValidationResult)</c>: its verdict, value and result.</summary>
    public (bool Ok, object? Value, object Result) TryParse(string typeName, string json)
    {
        var method = Type(typeName).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "TryParse" && m.GetParameters() is { Length: 3 } p && p[0].ParameterType == typeof(string));
        var arguments = new object?[] { json, null, null };
        var ok = (bool)method.Invoke(null, arguments)!;
        return (ok, arguments[1], arguments[2]!);
    }

    /// <summary>The instance's <c>ToJson()</c>.</summary>
    public static string ToJson(object value) => (string)value.GetType().GetMethod("ToJson", System.Type.EmptyTypes)!.Invoke(value, null)!;

    /// <summary>Runs a static method without arguments, e.g. a compiled probe's <c>Run()</c>.</summary>
    public object? Run(string typeName, string method) => Unwrap(() => Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static, System.Type.EmptyTypes)!.Invoke(null, null));

    /// <summary>The state of a generated <c>Optional&lt;T&gt;</c>: whether it is present, and its value.</summary>
    public static (bool IsPresent, object? Value) OptionalState(object? optional)
    {
        Assert.NotNull(optional);
        Assert.Equal("Optional`1", optional.GetType().Name);
        var present = (bool)optional.GetType().GetProperty("IsPresent")!.GetValue(optional)!;
        return (present, optional.GetType().GetMethod("GetValueOrDefault", System.Type.EmptyTypes)!.Invoke(optional, null));
    }

    /// <summary>The errors of a generated <c>ValidationResult</c> as (pointer, keyword, message).</summary>
    public static IReadOnlyList<(string Pointer, string Keyword, string Message)> Errors(object validationResult)
        => ((IEnumerable)validationResult.GetType().GetProperty("Errors")!.GetValue(validationResult)!)
            .Cast<object>()
            .Select(e => ((string)Get(e, "InstancePointer")!, (string)Get(e, "Keyword")!, (string)Get(e, "Message")!))
            .ToList();

    private static T Unwrap<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>
    /// Whitespace-free JSON with the same members, in the same order and with the same number spellings, for
    /// exact comparison; string escaping is normalized too, since writers may escape the same text differently.
    /// </summary>
    public static string Minify(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
