using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alexandria.Agents.Mcp;

/// <summary>How to start a stdio MCP server: a program and its arguments.</summary>
/// <param name="Command">The program (a path, or a name found on PATH).</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record McpServerCommand(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Splits a command line such as <c>node server.js --root "my docs"</c> at spaces; double quotes group a word
    /// with spaces (no other escapes), as users write it in <c>--mcp "..."</c>.
    /// </summary>
    /// <exception cref="FormatException">The line is empty or a quote is not closed.</exception>
    public static McpServerCommand Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quoted)
        {
            throw new FormatException($"MCP server command '{commandLine}': a double quote is not closed.");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        if (words.Count == 0)
        {
            throw new FormatException("MCP server command is empty: give the program and its arguments, e.g. \"node server.js\".");
        }

        return new McpServerCommand(words[0], words.GetRange(1, words.Count - 1));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', new[] { Command }.Concat(Arguments));
}
