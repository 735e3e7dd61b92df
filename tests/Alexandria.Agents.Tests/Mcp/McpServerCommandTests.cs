using System;
using Alexandria.Agents.Mcp;

namespace Alexandria.Agents.Tests.Mcp;

public sealed class McpServerCommandTests
{
    [Fact]
    public void Words_split_at_spaces_and_quotes_group_them()
    {
        var command = McpServerCommand.Parse("""  node server.js --root "my docs" "" """);
        Assert.Equal("node", command.Command);
        Assert.Equal(new[] { "server.js", "--root", "my docs", "" }, command.Arguments);
    }

    [Theory]
    [InlineData("   ", "MCP server command is empty")]
    [InlineData("node \"server.js", "a double quote is not closed")]
    public void Bad_command_lines_say_what_is_wrong(string line, string expected)
        => Assert.Contains(expected, Assert.Throws<FormatException>(() => McpServerCommand.Parse(line)).Message);
}
