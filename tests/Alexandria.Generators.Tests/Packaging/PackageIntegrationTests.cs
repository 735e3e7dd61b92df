using System;
using System.IO;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Packaging;

/// <summary>
/// What users install is what is tested: pack the generator, restore it into a throwaway consumer
/// from a local folder feed, build the consumer and run it.
/// </summary>
public sealed class PackageIntegrationTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "alexandria-pkg-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_consumer_that_installs_the_package_gets_types_from_its_own_contracts()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        var generatorProject = Path.Combine(RepositoryPaths.Root, "generators", "Alexandria.Generators", "Alexandria.Generators.csproj");

        var pack = ProcessRunner.Run("dotnet", $"pack \"{generatorProject}\" -c Release -o \"{feed}\" -p:PackageVersion=0.0.0-test -nologo", RepositoryPaths.Root, TimeSpan.FromMinutes(4));
        Assert.True(pack.ExitCode == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/Alexandria.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Alexandria.CodeFixes.dll", entries);
            Assert.Contains("buildTransitive/Alexandria.Generators.targets", entries);
            Assert.Contains("buildTransitive/Alexandria.Generators.props", entries);
        }

        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Shop</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Alexandria.Generators" Version="0.0.0-test" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(consumer, "contracts"));
        File.WriteAllText(Path.Combine(consumer, "contracts", "shop.json"), """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$defs": {
                "order": {
                  "type": "object",
                  "properties": { "order_id": { "type": "string" }, "quantity": { "type": "integer", "minimum": 1 } },
                  "required": ["order_id", "quantity"],
                  "additionalProperties": false
                }
              }
            }
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            var order = new Shop.Order { OrderId = "A-1", Quantity = 2 };
            System.Console.WriteLine(order.OrderId + ":" + order.Quantity);
            """);

        // A private packages folder: the machine-wide cache would keep serving an older build of the same version.
        var packages = Path.Combine(_work, "packages");
        var run = ProcessRunner.Run("dotnet", $"run -c Release -p:RestorePackagesPath=\"{packages}\"", consumer, TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("A-1:2", run.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a locked file in /tmp must not fail the test.
        }
    }
}
