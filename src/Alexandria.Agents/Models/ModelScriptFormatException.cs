using System;

namespace Alexandria.Agents.Models;

/// <summary>A model script that cannot be read: names the file and the JSON pointer of the problem.</summary>
public sealed class ModelScriptFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="pointer"/> in <paramref name="path"/>.</summary>
    public ModelScriptFormatException(string path, string pointer, string message)
        : base($"{path}: {(pointer.Length == 0 ? "(root)" : pointer)}: {message}")
    {
        Path = path;
        Pointer = pointer;
    }

    /// <summary>The script file.</summary>
    public string Path { get; }

    /// <summary>JSON pointer of the problem.</summary>
    public string Pointer { get; }
}
