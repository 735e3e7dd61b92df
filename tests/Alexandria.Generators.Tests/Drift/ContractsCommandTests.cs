using System;
using System.IO;
using System.Threading.Tasks;
using Alexandria.Cli.Commands.Contracts;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Drift;

/// <summary>
/// <c>alexandria contracts lock</c> and <c>alexandria contracts diff</c> (the CLI's logic, run in-process)
/// over a throwaway git repository.
/// </summary>
public sealed class ContractsCommandTests : IDisposable
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

    private readonly string _repo = Path.Combine(Path.GetTempPath(), "alexandria-drift-" + Guid.NewGuid().ToString("N"));

    public ContractsCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_repo, "contracts", "examples"));
        File.WriteAllText(SchemaPath, Schema);
        File.WriteAllText(Path.Combine(_repo, "contracts", "examples", "ignored.json"), "{ not json");
        Git("init -q");
        Git("add -A");
        Git("-c user.name=t -c user.email=t@t commit -q -m base");
    }

    private string Contracts => Path.Combine(_repo, "contracts");

    private string SchemaPath => Path.Combine(Contracts, "schema.json");

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public async Task Diff_against_a_git_ref_reports_a_breaking_change_at_its_line_and_exits_with_1()
    {
        File.WriteAllText(SchemaPath, Schema.Replace("\"chunk_id\": { \"type\": \"integer\" }", "").Replace("\"chunk_id\": { \"type\": \"string\" }", "\"chunk_id\": { \"type\": \"integer\" }"));

        var (exit, output) = await Diff("HEAD");

        Assert.True(exit == ContractDriftRunner.BreakingChanges, output);
        Assert.Contains("schema.json(9,23): error ALX0403: #/$defs/evidence_pointer/properties/chunk_id: type narrowed from string to integer", output);
        Assert.Contains("with git ref 'HEAD': 1 breaking", output);
    }

    [Fact]
    public async Task Diff_against_a_git_ref_passes_a_compatible_change()
    {
        File.WriteAllText(SchemaPath, Schema.Replace("\"chunk_id\": { \"type\": \"string\" }", "\"chunk_id\": { \"type\": \"string\" },\n        \"score\": { \"type\": \"number\" }"));

        var (exit, output) = await Diff("HEAD");

        Assert.Equal(ContractDriftRunner.Success, exit);
        Assert.Contains("info ALX0481: #/$defs/evidence_pointer: optional property 'score' was added", output);
    }

    [Fact]
    public async Task Diff_against_a_git_ref_reports_a_deleted_contract()
    {
        File.Delete(SchemaPath);

        var (exit, output) = await Diff("HEAD");

        Assert.Equal(ContractDriftRunner.BreakingChanges, exit);
        Assert.Contains("HEAD:schema.json(3,27): error ALX0400", output);
    }

    [Fact]
    public async Task Lock_then_diff_against_the_lock_file_is_clean_and_the_lock_is_deterministic()
    {
        var writer = new StringWriter();
        Assert.Equal(0, await ContractDriftRunner.LockAsync(Contracts, writer, default));
        var lockPath = Path.Combine(Contracts, "contracts.lock.json");
        var first = File.ReadAllBytes(lockPath);
        Assert.Contains("Locked 1 contract(s)", writer.ToString());

        Assert.Equal(0, await ContractDriftRunner.LockAsync(Contracts, new StringWriter(), default));
        Assert.Equal(first, File.ReadAllBytes(lockPath));
        Assert.DoesNotContain((byte)'\r', first);

        var (exit, output) = await Diff(against: null);
        Assert.Equal(0, exit);
        Assert.Contains("0 breaking", output);

        File.WriteAllText(SchemaPath, Schema.Replace("\"required\": [\"evidence_id\", \"chunk_id\"]", "\"required\": [\"evidence_id\"]"));
        (exit, output) = await Diff(lockPath);
        Assert.Equal(1, exit);
        Assert.Contains("error ALX0405", output);
    }

    [Fact]
    public async Task Diff_without_a_lock_or_with_an_unknown_ref_cannot_run()
    {
        var (exit, output) = await Diff(against: null);
        Assert.Equal(ContractDriftRunner.Failed, exit);
        Assert.Contains("run 'alexandria contracts lock'", output);

        (exit, output) = await Diff("no-such-ref");
        Assert.Equal(ContractDriftRunner.Failed, exit);
        Assert.Contains("neither a file nor a git ref", output);
    }

    private async Task<(int Exit, string Output)> Diff(string? against)
    {
        var writer = new StringWriter();
        var exit = await ContractDriftRunner.DiffAsync(Contracts, against, writer, default);
        return (exit, writer.ToString());
    }

    private void Git(string arguments)
    {
        var (exit, output) = ProcessRunner.Run("git", arguments, _repo, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, "git " + arguments + ":\n" + output);
    }
}
