using System;

namespace Alexandria.Agents.Mcp;

/// <summary>An MCP server answered a tool call with <c>isError: true</c>; the message is the text it gave.</summary>
public sealed class McpToolErrorException : Exception
{
    /// <summary>Creates the exception with the server's <paramref name="message"/>.</summary>
    public McpToolErrorException(string message)
        : base(message)
    {
    }
}
