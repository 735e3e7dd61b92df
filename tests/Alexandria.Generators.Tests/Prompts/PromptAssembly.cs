using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Prompts;

/// <summary>
/// Loads compiled accessors and calls them by reflection, as a consumer would call them directly.
/// Reflection stays in tests: generated code never uses it.
/// </summary>
internal sealed class PromptAssembly
{
    private readonly Assembly _assembly;

    private PromptAssembly(Assembly assembly) => _assembly = assembly;

    public static PromptAssembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return new PromptAssembly(Assembly.Load(stream.ToArray()));
    }

    public Rendered Render(string className, params object?[] arguments)
    {
        var type = _assembly.GetType("Alexandria.Contracts.Prompts." + className, throwOnError: true)!;
        var rendered = type.GetMethod("Render")!.Invoke(null, arguments)!;
        var breakpoints = ((System.Collections.IEnumerable)Property(rendered, "Breakpoints")!)
            .Cast<object>()
            .Select(b => ((string)Property(b, "Name")!, (int)Property(b, "Offset")!))
            .ToArray();
        return new Rendered(
            (string)Property(rendered, "Text")!,
            breakpoints,
            (string)Property(rendered, "PrefixHash")!,
            (string)Property(rendered, "PromptId")!,
            (string)Property(rendered, "PromptVersion")!);
    }

    public object? Constant(string className, string path)
    {
        var type = _assembly.GetType("Alexandria.Contracts.Prompts." + className, throwOnError: true)!;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            type = type.GetNestedType(parts[i])!;
        }

        return type.GetField(parts[^1])!.GetValue(null);
    }

    private static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);

    public sealed record Rendered(string Text, (string Name, int Offset)[] Breakpoints, string PrefixHash, string PromptId, string PromptVersion);
}
