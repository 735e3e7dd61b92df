using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Alexandria.OpenApi;
using Alexandria.OpenApi.Bundling;

namespace Alexandria.Server.Tests.Description;

/// <summary><c>alexandria contracts bundle</c>, run as a process the way a user or CI runs it.</summary>
public sealed class BundleCommandTests : IDisposable
{
    private static readonly string Contracts = Path.GetDirectoryName(Metadata("OpenApiPath"))!;

    private readonly string _directory = Directory.CreateTempSubdirectory("alexandria-bundle-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Bundle_writes_the_file_the_server_serves()
    {
        var output = Path.Combine(_directory, "openapi.bundled.json");

        var (exit, text) = await RunCliAsync(_directory, "contracts", "bundle", Path.Combine(Contracts, "openapi.json"), "-o", output);

        Assert.True(exit == 0, text);
        Assert.Equal(OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new DirectoryDescriptionSource(Contracts))), await File.ReadAllBytesAsync(output));
        Assert.Contains("Bundled", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundle_without_arguments_finds_the_contracts_folder_above_and_writes_to_standard_output()
    {
        var (exit, text) = await RunCliAsync(Path.Combine(Contracts, "examples"), "contracts", "bundle");

        Assert.True(exit == 0, text);
        Assert.Equal(Encoding.UTF8.GetString(OpenApiBundler.BundleUtf8(DescriptionFileSet.Load(new DirectoryDescriptionSource(Contracts)))), text);
    }

    [Fact]
    public async Task A_reference_that_does_not_resolve_fails_with_the_file_line_and_pointer()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "openapi.json"), InMemoryDescription.Root("schema.json#/$defs/missing"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "schema.json"), """{"$defs": {"present": {}}}""");

        var (exit, text) = await RunCliAsync(_directory, "contracts", "bundle", "openapi.json");

        Assert.Equal(2, exit);
        Assert.Contains("openapi.json(8,109): $ref \"schema.json#/$defs/missing\" names no value", text, StringComparison.Ordinal);
        Assert.Contains("/paths/~1x/get/responses/200/content/application~1json/schema/$ref", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static string Metadata(string key)
        => typeof(BundleCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static async Task<(int Exit, string Output)> RunCliAsync(string workingDirectory, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments, workingDirectory: workingDirectory);
        return (result.Exit, result.All);
    }
}
