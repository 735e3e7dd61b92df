using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// A stdio MCP server with one tool per behaviour the MCP tool source must carry through the guard:
// an answer, more items than the caps, nothing, an exception, an isError result, and no answer at all.
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "alexandria-test", Version = "1.0.0" },
    ToolCollection = new McpServerPrimitiveCollection<McpServerTool>
    {
        McpServerTool.Create((string text) => "echo: " + text, new() { Name = "echo", Description = "Returns the text it is given.", ReadOnly = true }),
        McpServerTool.Create(
            (int count) => Enumerable.Range(1, count).Select(i => (ContentBlock)new TextContentBlock { Text = $"item {i}" }).ToList(),
            new() { Name = "Many_Items", Description = "Returns count text items.", ReadOnly = true }),
        McpServerTool.Create(() => new List<ContentBlock>(), new() { Name = "nothing", Description = "Returns no content." }),
        McpServerTool.Create(string () => throw new InvalidOperationException("the fail tool always fails"), new() { Name = "fail", Description = "Always throws." }),
        McpServerTool.Create(
            (string reason) => new CallToolResult { IsError = true, Content = new List<ContentBlock> { new TextContentBlock { Text = "refused: " + reason } } },
            new() { Name = "refuse", Description = "Answers with a tool error (isError) carrying the reason." }),
        McpServerTool.Create(
            async (CancellationToken cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "unreachable";
            },
            new() { Name = "hang", Description = "Never answers." }),
    },
};

await using var server = McpServer.Create(new StdioServerTransport(options), options);
await server.RunAsync();
