using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Packaging;

/// <summary>
/// The generator packed once for every packaging test, as a user packs it: a plain <c>dotnet pack</c> (a local,
/// stamped version) and a release pack (<c>-p:AlexandriaRelease=true</c>, the plain version), each into its own feed.
/// </summary>
public sealed class PackedGenerator : IDisposable
{
    public PackedGenerator()
    {
        Work = Path.Combine(Path.GetTempPath(), "alexandria-pkg-" + Guid.NewGuid().ToString("N"));
        LocalFeed = Directory.CreateDirectory(Path.Combine(Work, "feed")).FullName;
        var releaseFeed = Directory.CreateDirectory(Path.Combine(Work, "release")).FullName;
        PackedAfter = DateTime.UtcNow;

        var project = Path.Combine(RepositoryPaths.Root, "generators", "Alexandria.Generators", "Alexandria.Generators.csproj");
        Pack($"pack \"{project}\" -c Release -o \"{LocalFeed}\" -nologo");
        // The release pack reuses the build above: only the version differs.
        Pack($"pack \"{project}\" -c Release --no-build -o \"{releaseFeed}\" -p:AlexandriaRelease=true -nologo");

        Local = new PackageContents(Directory.GetFiles(LocalFeed, "*.nupkg").Single());
        Release = new PackageContents(Directory.GetFiles(releaseFeed, "*.nupkg").Single());
    }

    public string Work { get; }

    /// <summary>A folder feed holding only <see cref="Local"/>.</summary>
    public string LocalFeed { get; }

    /// <summary>No stamp of this fixture's packs can be earlier than this.</summary>
    public DateTime PackedAfter { get; }

    public PackageContents Local { get; }

    public PackageContents Release { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a locked file in the temp folder must not fail the run.
        }
    }

    private static void Pack(string arguments)
    {
        var result = ProcessRunner.Run("dotnet", arguments, RepositoryPaths.Root, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, "dotnet " + arguments + "\n" + result.Output);
    }
}

/// <summary>What a .nupkg holds: its file name, entries and nuspec metadata, read once.</summary>
public sealed class PackageContents
{
    private readonly Dictionary<string, byte[]> _entries;

    public PackageContents(string path)
    {
        FileName = Path.GetFileName(path);
        using var zip = ZipFile.OpenRead(path);
        _entries = zip.Entries.Where(e => !e.FullName.EndsWith("/", StringComparison.Ordinal)).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var nuspec = Assert.Single(_entries.Keys, name => name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.Contains('/'));
        using var nuspecStream = new MemoryStream(_entries[nuspec]);
        Metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public string FileName { get; }

    public IReadOnlyCollection<string> Entries => _entries.Keys;

    /// <summary>The nuspec's <c>&lt;metadata&gt;</c> element.</summary>
    public XElement Metadata { get; }

    public string Version => Element("version")!.Value;

    public byte[] Entry(string name) => _entries.TryGetValue(name, out var bytes) ? bytes : throw new Xunit.Sdk.XunitException($"{FileName} has no {name}; it has: {string.Join(", ", Entries)}");

    public XElement? Element(string localName) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == localName);
}

[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedGenerator>
{
    public const string Name = "Packaging";
}
