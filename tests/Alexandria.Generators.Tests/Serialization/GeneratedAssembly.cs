using System;
using System.IO;
using System.Linq;
using System.Reflection;
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
