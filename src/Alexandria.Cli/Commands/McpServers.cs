using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Mcp;
using Alexandria.Agents.Tools;

namespace Alexandria.Cli.Commands;

/// <summary>The stdio MCP servers of one <c>agent run</c>/<c>resume</c> (<c>--mcp</c>), started together and stopped together.</summary>
internal sealed class McpServers : IAsyncDisposable
{
    private readonly List<McpToolSource> _sources = new();

    /// <summary>Every tool of every server.</summary>
    public IReadOnlyList<ITool> Tools => _sources.SelectMany(s => s.Tools).ToList();

    /// <summary>
    /// Starts each of <paramref name="commandLines"/>; on the first that cannot be parsed or started, stops those
    /// already running and throws <see cref="InvalidOperationException"/> naming it.
    /// </summary>
    public static async Task<McpServers> StartAsync(IEnumerable<string> commandLines, CancellationToken cancellationToken)
    {
        var servers = new McpServers();
        try
        {
            foreach (var line in commandLines)
            {
                McpServerCommand command;
                try
                {
                    command = McpServerCommand.Parse(line);
                }
                catch (FormatException e)
                {
                    throw new InvalidOperationException("--mcp: " + e.Message, e);
                }

                servers._sources.Add(await McpToolSource.StartAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops every server.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }

        _sources.Clear();
    }
}
