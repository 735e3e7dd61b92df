using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Alexandria.Agents.Mcp;

namespace Alexandria.Agents.Tests.Mcp;

/// <summary>One running Alexandria.Agents.McpTestServer (a real stdio MCP server child process) shared by a test class.</summary>
public sealed class McpServerFixture : IAsyncLifetime
{
    private McpToolSource? _source;

    /// <summary>The command that starts the test server: <c>dotnet &lt;server.dll&gt;</c>.</summary>
    public static McpServerCommand Command => new("dotnet", new[]
    {
        typeof(McpServerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "McpTestServerPath").Value!,
    });

    public McpToolSource Source => _source ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => _source = await McpToolSource.StartAsync(Command);

    public async Task DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }
}
