using System;
using System.Collections.Generic;
using System.IO;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>
/// The texts findings point into, by display path (relative to the current directory, or
/// <c>ref:path</c> for a git baseline), so an offset can be printed as line and column.
/// </summary>
internal sealed class SourceTexts
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>Registers a file on disk and returns the path findings will name it by.</summary>
    public string Add(string path, string text)
    {
        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), path).Replace('\\', '/');
        _texts[display] = text;
        return display;
    }

    /// <summary>Registers a text that is not a file on disk (a blob at a git ref).</summary>
    public string AddVirtual(string display, string text)
    {
        _texts[display] = text;
        return display;
    }

    /// <summary>1-based line and column of <paramref name="offset"/> in <paramref name="display"/>.</summary>
    public (int Line, int Column) Position(string display, int offset)
    {
        if (!_texts.TryGetValue(display, out var text))
        {
            return (1, 1);
        }

        int line = 1, column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else if (text[i] != '\r')
            {
                column++;
            }
        }

        return (line, column);
    }
}
