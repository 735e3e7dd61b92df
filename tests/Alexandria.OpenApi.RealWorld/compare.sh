#!/usr/bin/env bash
# Opt-in, slow (minutes): generates a C# client for every vendored spec with Kiota 1.38.0 and NSwag 14.7.1 and
# counts what each typed. Prints a markdown table (the Kiota/NSwag columns of docs/openapi.md).
#   types     Kiota: model classes under Models/; NSwag: generated DTO classes and enums (not the client or exceptions)
#   untyped   Kiota: members typed UntypedNode; NSwag: members typed object / JsonElement / JToken
# Usage: tests/Alexandria.OpenApi.RealWorld/compare.sh [spec-name ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kiota_version=1.38.0
nswag_version=14.7.1
kiota="$root/.tools/kiota/kiota"
if [[ ! -x "$kiota" ]] || [[ "$("$kiota" --version 2>/dev/null)" != "$kiota_version"* ]]; then
  echo "installing Kiota $kiota_version into .tools/kiota" >&2
  rm -rf "$root/.tools/kiota"
  dotnet tool install --tool-path "$root/.tools/kiota" Microsoft.OpenApi.Kiota --version "$kiota_version" >/dev/null
fi
nswag="${NUGET_PACKAGES:-$HOME/.nuget/packages}/nswag.msbuild/$nswag_version/tools/Net100/dotnet-nswag.dll"
if [[ ! -f "$nswag" ]]; then
  echo "NSwag.MSBuild $nswag_version is not in the NuGet cache: dotnet restore src/Alexandria.Client first" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  mapfile -t names < <(ls "$here/specs")
fi

echo "| document | Kiota types | Kiota untyped | NSwag types | NSwag untyped |"
echo "| --- | ---: | ---: | ---: | ---: |"
for name in "${names[@]}"; do
  spec="$(find "$here/specs/$name" -maxdepth 1 \( -name "*.json" -o -name "*.yaml" \) | head -n 1)"
  k_types="failed"; k_untyped="-"
  if "$kiota" generate -l CSharp -d "$spec" -o "$work/kiota/$name" -c Client -n Compare --clean-output --ll Error >"$work/kiota-$name.log" 2>&1; then
    if [[ -d "$work/kiota/$name/Models" ]]; then
      k_types=$({ grep -rhoE "public (partial )?(class|enum) " "$work/kiota/$name/Models" || true; } | wc -l)
      k_untyped=$({ grep -rhoE "UntypedNode\?? [A-Z]" "$work/kiota/$name/Models" || true; } | wc -l)
    else
      k_types=0; k_untyped=0
    fi
  fi
  n_types="failed"; n_untyped="-"
  if dotnet "$nswag" openapi2csclient "/input:$spec" "/output:$work/nswag-$name.cs" /namespace:Compare /className:Client >"$work/nswag-$name.log" 2>&1; then
    n_types=$(grep -cE "public (partial )?(class|enum) " "$work/nswag-$name.cs" || true)
    # The client class, its exception types and FileParameter/FileResponse are not models.
    n_support=$(grep -cE "public (partial )?class (Client|ApiException|ApiException<TResult>|FileParameter|FileResponse)\b" "$work/nswag-$name.cs" || true)
    n_types=$((n_types - n_support))
    n_untyped=$(grep -cE "public (object|System\.Text\.Json\.JsonElement|Newtonsoft\.Json\.Linq\.JToken|Newtonsoft\.Json\.Linq\.JObject)\?? [A-Z]" "$work/nswag-$name.cs" || true)
  fi
  echo "| $name | $k_types | $k_untyped | $n_types | $n_untyped |"
done
