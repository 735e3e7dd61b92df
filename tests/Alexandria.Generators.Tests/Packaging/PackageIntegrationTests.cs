using System;
using System.IO;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Packaging;

/// <summary>
/// What users install is what is tested: the packed generator, restored into a throwaway consumer from a local
/// folder feed; the consumer runs the example of the package's README.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageIntegrationTests(PackedGenerator packed)
{
    [Fact]
    public void A_consumer_that_installs_the_package_gets_types_from_its_own_contracts()
    {
        var feed = packed.LocalFeed;
        var consumer = Directory.CreateDirectory(Path.Combine(packed.Work, "consumer")).FullName;

        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Shop</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Alexandria.Generators" Version="{{packed.Local.Version}}" PrivateAssets="all" />
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
        // The example of the package's README (PACKAGE.md), as a user would paste it.
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """"
            using System.Text.Json;
            using Shop;

            var order = new Order { OrderId = "A-1", Quantity = 2 };
            string json = JsonSerializer.Serialize(order, ShopJson.Options);
            Console.WriteLine(json);                                   // {"order_id":"A-1","quantity":2}

            var result = OrderValidator.Validate("""{"order_id":"A-1","quantity":0}"""u8);
            foreach (var error in result.Errors)
                Console.WriteLine($"{error.InstancePointer} {error.Keyword}: {error.Message}");   // /quantity minimum: ...
            """");

        // A private packages folder: the machine-wide cache would keep serving an older build of the same version.
        var packages = Path.Combine(packed.Work, "packages");
        var run = ProcessRunner.Run("dotnet", $"run -c Release -p:RestorePackagesPath=\"{packages}\"", consumer, TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("""{"order_id":"A-1","quantity":2}""", run.Output);
        Assert.Contains("/quantity minimum: ", run.Output);
    }
}
