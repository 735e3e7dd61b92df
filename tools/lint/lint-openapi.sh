#!/usr/bin/env bash
# Lints the API description with Redocly CLI 2.77.0 (pinned in package-lock.json, installed with `npm ci` into
# the gitignored node_modules): contracts/openapi.json as written (its $refs into output_schema.json followed on
# disk) and the single document `alexandria contracts bundle` writes (what the server serves at
# /openapi.bundled.json). Exits non-zero when the linter reports an error; warnings are printed and pass.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm are needed (Node 20.19+ or 22.12+): apt-get install nodejs npm" >&2
  exit 1
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

dotnet build "$root/src/Alexandria.Cli/Alexandria.Cli.csproj" -c Release -nologo -v quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$root/src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll" contracts bundle "$root/contracts/openapi.json" -o "$work/openapi.bundled.json"

redocly="$here/node_modules/.bin/redocly"
"$redocly" lint --config "$here/redocly.yaml" "$root/contracts/openapi.json" "$work/openapi.bundled.json"
