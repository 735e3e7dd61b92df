#!/usr/bin/env bash
# Packs Alexandria.Generators into the local feed artifacts/packages/ and prints how to use it.
#
#   ./pack.sh             a local pack: version <AlexandriaVersion>-local.<UTC yyyyMMdd-HHmmss>, new on every run,
#                         so no NuGet cache can hand out older bits under the same number
#   ./pack.sh --release   a release pack: exactly <AlexandriaVersion> (Directory.Build.props); bump it first.
#                         It goes to artifacts/release/, not the local feed, where it would outrank every later
#                         local pack of the same version (a release sorts above its prereleases)
#
# pack.ps1 is the same for PowerShell (Windows). docs/packaging.md has the details.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

release=false
for arg in "$@"; do
  case "$arg" in
    --release) release=true ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "pack.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "pack.sh: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK" >&2
  exit 1
fi

project="generators/Alexandria.Generators/Alexandria.Generators.csproj"

base="$(dotnet msbuild "$project" -getProperty:AlexandriaVersion)"
if [ "$release" = true ]; then
  version="$base"
  stamp=(-p:AlexandriaRelease=true)
  feed="$root/artifacts/release"
  add_flags=""
else
  suffix="local.$(date -u +%Y%m%d-%H%M%S)"
  version="$base-$suffix"
  stamp=(-p:AlexandriaVersionSuffix="$suffix")
  feed="$root/artifacts/packages"
  add_flags=" --prerelease"
fi
mkdir -p "$feed"

echo "Packing Alexandria.Generators $version (a cold build takes a few minutes)..."
dotnet pack "$project" -c Release -o "$feed" -nologo -v minimal "${stamp[@]}"

package="$feed/Alexandria.Generators.$version.nupkg"
if [ ! -f "$package" ]; then
  echo "pack.sh: expected $package, it was not written" >&2
  exit 1
fi

cat <<EOF

Packed:
  $package

Use it from a project of yours (in the project's folder):
  dotnet new nugetconfig
  dotnet nuget add source "$feed" --name alexandria-local --configfile nuget.config
  dotnet add package Alexandria.Generators$add_flags

or by hand: in nuget.config, under <packageSources>
  <add key="alexandria-local" value="$feed" />
and in the project file
  <PackageReference Include="Alexandria.Generators" Version="$version" PrivateAssets="all" />
EOF
