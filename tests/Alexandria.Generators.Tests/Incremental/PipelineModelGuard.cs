using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Incremental;

/// <summary>
/// Walks a pipeline step's output object graph and fails on anything that would pin a compilation
/// or defeat caching: symbols, compilations, syntax, JSON DOM nodes.
/// </summary>
internal static class PipelineModelGuard
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree),
        typeof(System.Text.Json.JsonElement), typeof(System.Text.Json.JsonDocument),
    ];

    public static void AssertHoldsOnlyPlainData(object? value, string path, HashSet<object>? visited = null)
    {
        visited ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (value is null || value is string || value.GetType().IsPrimitive || value is Enum)
        {
            return;
        }

        // A contract's parsed document rides with its file and is compared by the file's text (ParsedContract): it is
        // the one tree the pipeline keeps, so the areas do not parse the text again. Its file must still be plain data.
        if (value is Alexandria.Generators.Parsing.ParsedContract parsed)
        {
            AssertHoldsOnlyPlainData(parsed.File, path + ".File", visited);
            return;
        }

        var type = value.GetType();
        Assert.False(
            Forbidden.Any(f => f.IsAssignableFrom(type)) || type.Namespace == "Alexandria.Generators.Json",
            $"Pipeline output at {path} holds a {type.FullName}; models must be plain equatable data.");

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable enumerable)
        {
            var i = 0;
            foreach (var item in enumerable)
            {
                AssertHoldsOnlyPlainData(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsOnlyPlainData(field.GetValue(value), path + "." + field.Name, visited);
        }
    }
}
