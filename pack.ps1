#!/usr/bin/env pwsh
# Packs Alexandria.Generators into the local feed artifacts/packages/ and prints how to use it (PowerShell 7;
# Windows, macOS, Linux). The same as pack.sh:
#
#   pwsh ./pack.ps1             a local pack: version <AlexandriaVersion>-local.<UTC yyyyMMdd-HHmmss>, new on every
#                               run, so no NuGet cache can hand out older bits under the same number
#   pwsh ./pack.ps1 -Release    a release pack: exactly <AlexandriaVersion> (Directory.Build.props); bump it first.
#                               It goes to artifacts/release/, not the local feed, where it would outrank every
#                               later local pack of the same version (a release sorts above its prereleases)
#
# docs/packaging.md has the details.
[CmdletBinding()]
param([switch] $Release)

$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'pack.ps1: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK'
    exit 1
}

$root = $PSScriptRoot
$project = Join-Path $root 'generators' 'Alexandria.Generators' 'Alexandria.Generators.csproj'

$base = (& dotnet msbuild $project -getProperty:AlexandriaVersion).Trim()
if ($LASTEXITCODE -ne 0 -or -not $base) { Write-Error 'pack.ps1: could not read AlexandriaVersion'; exit 1 }
if ($Release) {
    $version = $base
    $stamp = '-p:AlexandriaRelease=true'
    $feed = Join-Path $root 'artifacts' 'release'
    $addFlags = ''
} else {
    $suffix = 'local.' + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss', [Globalization.CultureInfo]::InvariantCulture)
    $version = "$base-$suffix"
    $stamp = "-p:AlexandriaVersionSuffix=$suffix"
    $feed = Join-Path $root 'artifacts' 'packages'
    $addFlags = ' --prerelease'
}
New-Item -ItemType Directory -Force -Path $feed | Out-Null

Write-Host "Packing Alexandria.Generators $version (a cold build takes a few minutes)..."
& dotnet pack $project -c Release -o $feed -nologo -v minimal $stamp
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$package = Join-Path $feed "Alexandria.Generators.$version.nupkg"
if (-not (Test-Path -LiteralPath $package)) {
    Write-Error "pack.ps1: expected $package, it was not written"
    exit 1
}

Write-Host @"

Packed:
  $package

Use it from a project of yours (in the project's folder):
  dotnet new nugetconfig
  dotnet nuget add source "$feed" --name alexandria-local --configfile nuget.config
  dotnet add package Alexandria.Generators$addFlags

or by hand: in nuget.config, under <packageSources>
  <add key="alexandria-local" value="$feed" />
and in the project file
  <PackageReference Include="Alexandria.Generators" Version="$version" PrivateAssets="all" />
"@
