using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;

namespace Alexandria.Cli.Tests;

/// <summary><c>alexandria contracts diff --output json|plain|table</c> over a throwaway contracts folder and its lock.</summary>
public sealed class ContractsDiffOutputTests : IAsyncLifetime
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "x-alexandria-version": "1.0.0",
          "$defs": {
            "evidence_pointer": {
              "type": "object",
              "properties": {
                "evidence_id": { "type": "string" },
                "chunk_id": { "type": "string" }
              },
              "required": ["evidence_id", "chunk_id"]
            }
          }
        }
        """;

    private readonly string _contracts = Path.Combine(Path.GetTempPath(), "alexandria-cli-diff-" + Guid.NewGuid().ToString("N"), "contracts");

    private string SchemaPath => Path.Combine(_contracts, "schema.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_contracts);
        await File.WriteAllTextAsync(SchemaPath, Schema);
        var locked = await CliProcess.RunAsync("contracts", "lock", "--contracts", _contracts);
        Assert.True(locked.Exit == 0, locked.ToString());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_contracts)!, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Diff_json_lists_a_breaking_change_with_its_severity_rule_and_place_and_exits_with_1()
    {
        await File.WriteAllTextAsync(SchemaPath, Schema.Replace("\"chunk_id\": { \"type\": \"string\" }", "\"chunk_id\": { \"type\": \"integer\" }"));

        var result = await CliProcess.RunAsync("contracts", "diff", "--contracts", _contracts, "--output", "json");

        Assert.True(result.Exit == 1, result.ToString());
        Assert.Equal("", result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("contracts.lock.json", root.GetProperty("baseline").GetString());
        Assert.Equal(1, root.GetProperty("contracts").GetInt32());
        Assert.Equal(1, root.GetProperty("breaking").GetInt32());
        var change = Assert.Single(root.GetProperty("changes").EnumerateArray());
        Assert.Equal("ALX0403", change.GetProperty("id").GetString());
        Assert.Equal("error", change.GetProperty("severity").GetString());
        Assert.EndsWith("contracts/schema.json", change.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(9, change.GetProperty("line").GetInt32());
        Assert.Equal(23, change.GetProperty("column").GetInt32());
        Assert.Contains("type narrowed from string to integer", change.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_json_reports_a_compatible_change_as_info_and_exits_with_0()
    {
        await File.WriteAllTextAsync(SchemaPath, Schema.Replace("\"chunk_id\": { \"type\": \"string\" }", "\"chunk_id\": { \"type\": \"string\" },\n        \"score\": { \"type\": \"number\" }"));

        var result = await CliProcess.RunAsync("contracts", "diff", "--contracts", _contracts, "-o", "json");

        Assert.True(result.Exit == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var change = Assert.Single(document.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("info", change.GetProperty("severity").GetString());
        Assert.Equal("ALX0481", change.GetProperty("id").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("compatible").GetInt32());
    }

    [Fact]
    public async Task Diff_plain_keeps_one_msbuild_line_per_change_and_a_table_has_the_same_findings()
    {
        await File.WriteAllTextAsync(SchemaPath, Schema.Replace("\"chunk_id\": { \"type\": \"string\" }", "\"chunk_id\": { \"type\": \"integer\" }"));

        var plain = await CliProcess.RunAsync("contracts", "diff", "--contracts", _contracts);
        var table = await CliProcess.RunAsync("contracts", "diff", "--contracts", _contracts, "-o", "table");

        Assert.Equal(1, plain.Exit);
        Assert.Equal(1, table.Exit);
        var line = Assert.Single(plain.Stdout.Split('\n'), l => l.Contains("ALX0403", StringComparison.Ordinal));
        Assert.Matches(@"schema\.json\(9,23\): error ALX0403: #/\$defs/evidence_pointer/properties/chunk_id: type narrowed from string to integer", line);
        Assert.Contains("schema.json(9,23)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("│ error", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_that_cannot_run_exits_with_2_with_the_reason_on_stderr_and_nothing_on_stdout()
    {
        File.Delete(Path.Combine(_contracts, "contracts.lock.json"));

        var result = await CliProcess.RunAsync("contracts", "diff", "--contracts", _contracts, "-o", "json");

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains("does not exist; run 'alexandria contracts lock'", result.Stderr, StringComparison.Ordinal);
    }
}
