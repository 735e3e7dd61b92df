using System;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>Asserts a diagnostic sits exactly on a piece of a contract's text, found by content rather than counted by hand.</summary>
public static class ContractTextPosition
{
    /// <summary>The 0-based line and column of the <paramref name="occurrence"/>-th <paramref name="needle"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column, int Offset) Of(string text, string needle, int occurrence = 0)
    {
        var offset = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            offset = text.IndexOf(needle, offset + 1, StringComparison.Ordinal);
            Assert.True(offset >= 0, $"'{needle}' occurs fewer than {occurrence + 1} times in the contract");
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(offset - 1, 0)) + 1;
        var line = 0;
        for (var i = 0; i < lineStart; i++)
        {
            if (text[i] == '\n') line++;
        }

        return (line, offset - lineStart, offset);
    }

    public static void AssertAt(Diagnostic diagnostic, string path, string text, string needle, int occurrence = 0)
    {
        var (line, column, _) = Of(text, needle, occurrence);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Equal(column, span.StartLinePosition.Character);
        Assert.Equal(needle.Length, diagnostic.Location.SourceSpan.Length);
    }
}
