using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.OpenApi;
using Alexandria.OpenApi.Bundling;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria contracts bundle [contracts/openapi.json] [-o file]</c>: the single-document form of the API
/// description (what the server serves at <c>/openapi.bundled.json</c>), for generators and linters that cannot
/// follow a reference into <c>output_schema.json</c>. A <c>contracts</c> subcommand, kept out of
/// Commands/Contracts/ whose files (the drift runner) the generator tests compile too.
/// </summary>
internal static class BundleCommand
{
    private const int Success = 0;
    private const int Failed = 2;

    public static Command Create()
    {
        var description = new Argument<FileInfo?>("description")
        {
            Description = "The OpenAPI document to bundle (default: openapi.json in the nearest 'contracts' folder in or above the current directory).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Where to write the bundle (default: standard output).",
        };
        var command = new Command("bundle", "Write the API description as one document: the schemas it references moved into components.schemas.")
        {
            description, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken)
            => RunAsync(result.GetValue(description), result.GetValue(output), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? description, FileInfo? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = description?.FullName ?? DefaultDescription();
        if (path is null || !File.Exists(path))
        {
            await stderr.WriteLineAsync("error: " + (path is null
                ? "no contracts/openapi.json in or above the current directory; name the description to bundle"
                : "no such file: " + path)).ConfigureAwait(false);
            return Failed;
        }

        byte[] bundle;
        try
        {
            var files = DescriptionFileSet.Load(new DirectoryDescriptionSource(Path.GetDirectoryName(path)!), Path.GetFileName(path));
            bundle = OpenApiBundler.BundleUtf8(files);
        }
        catch (DescriptionException problem)
        {
            await stderr.WriteLineAsync("error: " + Path.Combine(Path.GetDirectoryName(path)!, problem.Message)).ConfigureAwait(false);
            return Failed;
        }

        if (output is null)
        {
            using var stream = Console.OpenStandardOutput();
            await stream.WriteAsync(bundle, cancellationToken).ConfigureAwait(false);
            return Success;
        }
        await File.WriteAllBytesAsync(output.FullName, bundle, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"Bundled {path} into {output.FullName} ({bundle.Length} bytes)").ConfigureAwait(false);
        return Success;
    }

    private static string? DefaultDescription()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "contracts", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
