using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;

namespace Alexandria.Cli.Tests;

/// <summary><c>alexandria validate</c> with redirected output: JSON per file, plain lines, exit codes.</summary>
public sealed class ValidateOutputTests : IDisposable
{
    private static readonly string Examples = Path.Combine(CliProcess.RepoRoot, "contracts", "examples");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "alexandria-cli-validate-" + Guid.NewGuid().ToString("N"));

    public ValidateOutputTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(Examples, "evidence_pointer.valid.1.json"), Path.Combine(_folder, "evidence_pointer.valid.1.json"));
        File.Copy(Path.Combine(Examples, "evidence_pointer.invalid.1.json"), Path.Combine(_folder, "evidence_pointer.invalid.1.json"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validate_json_gives_each_file_its_verdict_and_errors_with_pointer_keyword_and_message()
    {
        var result = await CliProcess.RunAsync("validate", _folder, "--output", "json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal(_folder, root.GetProperty("folder").GetString());
        Assert.Equal(2, root.GetProperty("total").GetInt32());
        Assert.Equal(0, root.GetProperty("not_as_expected").GetInt32());

        var files = root.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("file").GetString()!);
        var valid = files["evidence_pointer.valid.1.json"];
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", valid.GetProperty("verdict").GetString());
        Assert.Empty(valid.GetProperty("errors").EnumerateArray());

        var invalid = files["evidence_pointer.invalid.1.json"];
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.True(invalid.GetProperty("as_expected").GetBoolean());
        Assert.Equal(Path.Combine(_folder, "evidence_pointer.invalid.1.json"), invalid.GetProperty("path").GetString());
        Assert.NotEmpty(invalid.GetProperty("errors").EnumerateArray());
        var error = invalid.GetProperty("errors").EnumerateArray().First();
        Assert.Equal(["pointer", "keyword", "message"], error.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("keyword").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Validate_keeps_exit_code_1_when_a_verdict_is_unexpected_in_every_format()
    {
        // An invalid document labelled valid: the verdict is not what the name promises.
        File.Copy(Path.Combine(Examples, "evidence_pointer.invalid.1.json"), Path.Combine(_folder, "evidence_pointer.valid.2.json"));

        var json = await CliProcess.RunAsync("validate", _folder, "-o", "json");
        var plain = await CliProcess.RunAsync("validate", _folder, "-o", "plain");
        var table = await CliProcess.RunAsync("validate", _folder, "-o", "table");

        Assert.Equal([1, 1, 1], new[] { json.Exit, plain.Exit, table.Exit });
        using var document = JsonDocument.Parse(json.Stdout);
        var mislabelled = document.RootElement.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("file").GetString() == "evidence_pointer.valid.2.json");
        Assert.False(mislabelled.GetProperty("as_expected").GetBoolean());
        Assert.Equal("invalid", mislabelled.GetProperty("verdict").GetString());
        Assert.Contains("# 3 documents, 2 as expected, 1 not", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_redirected_prints_one_tab_separated_line_per_document_with_every_error()
    {
        var result = await CliProcess.RunAsync("validate", Examples);

        Assert.True(result.Exit == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.Equal("document\tdefinition\texpected\tverdict\terrors", lines[0]);
        var rows = lines.Skip(1).Where(l => !l.StartsWith('#')).ToList();
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Examples, "index.json")));
        Assert.Equal(index.RootElement.GetArrayLength(), rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Split('\t').Length));
        Assert.Contains(rows, r => r.StartsWith("append_events_request.invalid.1.json\tappend_events_request\tinvalid\tinvalid\t/events minItems", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_of_a_missing_folder_exits_with_2_and_says_so_on_stderr_only()
    {
        var missing = Path.Combine(_folder, "nope");

        var result = await CliProcess.RunAsync("validate", missing, "-o", "json");

        Assert.Equal(2, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"folder '{missing}' does not exist", result.Stderr, StringComparison.Ordinal);
    }
}
