using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;
using ModelContextProtocol.Client;

namespace Alexandria.Agents.Mcp;

/// <summary>
/// A running stdio MCP server and its tools as <see cref="ITool"/>s, so they join a <see cref="ToolRegistry"/> and every
/// call goes through the same <see cref="ToolGuard"/> (scope, caps, cursors, zero-result guidance, timeout, errors as
/// observations) as the built-in tools. Disposing it stops the server.
/// </summary>
public sealed partial class McpToolSource : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpToolSource(McpClient client, string prefix, IReadOnlyList<ITool> tools)
    {
        _client = client;
        Prefix = prefix;
        Tools = tools;
    }

    /// <summary>What every tool name of this server starts with (<c>&lt;prefix&gt;.&lt;tool&gt;</c>).</summary>
    public string Prefix { get; }

    /// <summary>The server's tools, ordinal order of their names.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>
    /// Starts <paramref name="command"/>, completes the MCP handshake and lists its tools. Tool names become
    /// <c>&lt;prefix&gt;.&lt;tool&gt;</c>, lower-cased with characters the act contract does not allow turned into
    /// <c>_</c>; <paramref name="prefix"/> defaults to the name the server reports.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server could not be started, did not answer, or its tool names collide.</exception>
    public static async Task<McpToolSource> StartAsync(McpServerCommand command, string? prefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = command.Command,
            Arguments = command.Arguments.ToList(),
            Name = command.Command,
        });

        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"MCP server '{command}' could not be started: {e.Message}", e);
        }

        try
        {
            var serverPrefix = ToolName(prefix ?? client.ServerInfo?.Name ?? "mcp", "mcp");
            var listed = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var tools = listed.Select(t => (ITool)new McpTool(client, t.ProtocolTool, serverPrefix + "." + ToolName(t.Name, "tool")))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
            var clash = tools.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
            {
                throw new InvalidOperationException($"MCP server '{command}' has tools whose names all become '{clash.Key}'.");
            }

            return new McpToolSource(client, serverPrefix, tools);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary><paramref name="name"/> as a tool-name segment: lower case, <c>[a-z0-9_-]</c>, starting with a letter, at most 31 characters.</summary>
    private static string ToolName(string name, string fallback)
    {
        var cleaned = NotAllowed().Replace(name.ToLowerInvariant(), "_").Trim('_');
        if (cleaned.Length == 0 || !char.IsAsciiLetterLower(cleaned[0]))
        {
            cleaned = fallback + (cleaned.Length == 0 ? "" : "_" + cleaned);
        }

        return cleaned.Length <= 31 ? cleaned : cleaned[..31];
    }

    [GeneratedRegex("[^a-z0-9_-]+")]
    private static partial Regex NotAllowed();
}
