using System.CommandLine;
using System.IO;
using Alexandria.Agents.Research;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria index build &lt;folder&gt; --out &lt;dir&gt;</c>: indexes the folder's <c>.md</c>/<c>.txt</c> files into a
/// Lucene.Net index that <c>agent run --index &lt;dir&gt;</c> opens without reading the documents again. Exit 0 when
/// built, 2 when the folder is missing or the output directory holds something else.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var index = new Command("index", "Prebuilt full-text indexes for the agent's search and read_chunk tools.");
        index.Subcommands.Add(CreateBuild());
        return index;
    }

    private static Command CreateBuild()
    {
        var folderArgument = new Argument<DirectoryInfo>("folder") { Description = "Folder of .md/.txt documents (searched recursively; evidence ids are paths relative to it)." };
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Directory to write the index to (new, empty, or an index built before, which is replaced).", Required = true };
        var formatOption = OutputOptions.Format();
        var command = new Command("build", "Index a folder of .md/.txt documents for 'agent run --index <dir>'.") { folderArgument, outOption, formatOption };
        command.SetAction(parse => Build(CliOutput.For(parse, formatOption), parse.GetValue(folderArgument)!, parse.GetValue(outOption)!));
        return command;
    }

    private static int Build(CliOutput output, DirectoryInfo folder, DirectoryInfo target)
    {
        IndexManifest manifest;
        try
        {
            manifest = LuceneDocumentIndex.Build(folder.FullName, target.FullName);
        }
        catch (DirectoryNotFoundException e)
        {
            output.Error($"[red]{e.Message}[/]");
            return 2;
        }
        catch (DocumentIndexException e)
        {
            output.Error($"[red]{e.Message}[/]");
            return 2;
        }

        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(new IndexBuildDocument(folder.FullName, target.FullName, manifest.Documents, manifest.Chunks, manifest.Format), CliJsonContext.Default.IndexBuildDocument);
            return 0;
        }

        var table = new ReportTable("Index", "folder", "index", "documents", "chunks");
        table.AddRow(folder.FullName, target.FullName, Count(manifest.Documents), Count(manifest.Chunks));
        output.Write(table);
        output.Note($"Use it with: alexandria agent run --index {target.FullName} ...");
        return 0;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
