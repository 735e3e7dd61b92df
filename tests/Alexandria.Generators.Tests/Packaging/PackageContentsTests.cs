using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Packaging;

/// <summary>
/// The package a user installs: where NuGet expects each part, the metadata a package page shows, and a version
/// no cache can confuse with an older pack. A broken package fails here, not on a user's machine.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageContentsTests(PackedGenerator packed)
{
    private static readonly string AlexandriaVersion = ReadAlexandriaVersion();

    [Theory]
    [InlineData("analyzers/dotnet/cs/Alexandria.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/Alexandria.CodeFixes.dll")]
    [InlineData("buildTransitive/Alexandria.Generators.props")]
    [InlineData("buildTransitive/Alexandria.Generators.targets")]
    [InlineData("PACKAGE.md")]
    public void The_package_holds(string entry)
        => Assert.Contains(entry, packed.Local.Entries);

    [Fact]
    public void Nothing_is_referenced_by_the_consumer_or_shipped_with_it()
    {
        Assert.DoesNotContain(packed.Local.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
        Assert.Equal("true", packed.Local.Element("developmentDependency")?.Value);
        Assert.Null(packed.Local.Element("dependencies"));
    }

    [Theory]
    [InlineData("Alexandria.Generators.props")]
    [InlineData("Alexandria.Generators.targets")]
    public void The_build_files_are_the_repository_s(string file)
        => Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "build", file)),
            packed.Local.Entry("buildTransitive/" + file));

    [Fact]
    public void The_readme_is_the_package_readme_not_the_repository_s()
    {
        Assert.Equal("PACKAGE.md", packed.Local.Element("readme")?.Value);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "generators", "Alexandria.Generators", "PACKAGE.md")),
            packed.Local.Entry("PACKAGE.md"));
    }

    [Fact]
    public void The_nuspec_has_what_a_package_page_shows()
    {
        var package = packed.Local;
        Assert.Equal("Alexandria.Generators", package.Element("id")?.Value);
        var license = package.Element("license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "LICENSE")), "the license the package declares is in the repository");
        Assert.False(string.IsNullOrWhiteSpace(package.Element("authors")?.Value));
        Assert.Contains("JSON Schema", package.Element("description")?.Value);
        Assert.Contains("source-generator", package.Element("tags")?.Value.Split(' ') ?? []);
        Assert.Null(package.Element("icon"));
        Assert.Null(package.Element("iconUrl"));
    }

    [Fact]
    public void The_nuspec_names_the_repository_and_the_commit_packed()
    {
        var repository = packed.Local.Element("repository");
        Assert.Equal("git", repository?.Attribute("type")?.Value);
        var head = ProcessRunner.Run("git", "rev-parse HEAD", RepositoryPaths.Root, TimeSpan.FromSeconds(30));
        Assert.True(head.ExitCode == 0, head.Output);
        Assert.Equal(head.Output.Trim(), repository?.Attribute("commit")?.Value);
    }

    [Fact]
    public void A_local_pack_is_a_prerelease_of_AlexandriaVersion_stamped_with_the_UTC_time()
    {
        var match = Regex.Match(packed.Local.Version, "^" + Regex.Escape(AlexandriaVersion) + @"-local\.(\d{8}-\d{6})$");
        Assert.True(match.Success, $"'{packed.Local.Version}' is not {AlexandriaVersion}-local.<yyyyMMdd-HHmmss>");
        var stamp = DateTime.ParseExact(match.Groups[1].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(stamp, packed.PackedAfter.AddSeconds(-1), DateTime.UtcNow);
        Assert.Equal($"Alexandria.Generators.{packed.Local.Version}.nupkg", packed.Local.FileName);
    }

    [Fact]
    public void A_release_pack_is_exactly_AlexandriaVersion()
    {
        Assert.Equal(AlexandriaVersion, packed.Release.Version);
        Assert.Equal($"Alexandria.Generators.{AlexandriaVersion}.nupkg", packed.Release.FileName);
    }

    [Fact]
    public void Generated_code_carries_AlexandriaVersion()
    {
        var run = new GeneratorHarness()
            .WithContract("/repo/contracts/shop.json", """{ "$defs": { "order": { "type": "object", "properties": { "id": { "type": "string" } } } } }""")
            .Run();
        var stamps = run.Sources.SelectMany(s => Regex.Matches(s.SourceText.ToString(), @"GeneratedCode\(""Alexandria"", ""([^""]*)""\)")).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal([AlexandriaVersion], stamps);
    }

    [Fact]
    public void Samples_take_the_local_packs_of_AlexandriaVersion()
    {
        // After a version bump, a sample still floating on the old version would restore nothing (docs/packaging.md).
        var references = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => XDocument.Load(project).Descendants("PackageReference")
                .Where(r => (string?)r.Attribute("Include") == "Alexandria.Generators")
                .Select(r => (Project: Path.GetFileName(project), Version: (string?)r.Attribute("Version"))))
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(r.Version == AlexandriaVersion + "-local.*", $"{r.Project} references Alexandria.Generators {r.Version}, not {AlexandriaVersion}-local.*"));
    }

    private static string ReadAlexandriaVersion()
        => XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("AlexandriaVersion").Single().Value;
}
