#!/usr/bin/env bash
# The API description as Kiota consumes it, checked end to end (CI calls this; exits non-zero on any failure):
#   1. start `alexandria serve` on a free loopback port over a throwaway store;
#   2. generate a C# client with Kiota 1.38.0 from the served /openapi.bundled.json (fails on any
#      "Could not create error type" warning: every error response must map to a typed error);
#   3. compile it into the harness beside this script and run it against the server: typed models for the
#      main schemas (no UntypedNode), a run created, events appended and read back, 404 and 409 problems
#      caught as the typed Problem_details error.
# The client is generated here, at CI time, so this project stays out of Alexandria.sln.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 KIOTA_UPDATE__DISABLED=true KIOTA_TUTORIAL_ENABLED=false

kiota_version=1.38.0
kiota="$root/.tools/kiota/kiota"
if [[ ! -x "$kiota" ]] || [[ "$("$kiota" --version 2>/dev/null)" != "$kiota_version"* ]]; then
  echo "installing Kiota $kiota_version into .tools/kiota"
  rm -rf "$root/.tools/kiota"
  dotnet tool install --tool-path "$root/.tools/kiota" Microsoft.OpenApi.Kiota --version "$kiota_version" >/dev/null
fi

echo "building the server (alexandria CLI)"
dotnet build "$root/src/Alexandria.Cli/Alexandria.Cli.csproj" -c Release -nologo -v quiet

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet "$root/src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll" serve --urls http://127.0.0.1:0 --store "$work/store" --insecure-no-auth >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 150); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n 1 || true)"
  [[ -n "$url" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited before listening:" >&2
    cat "$work/serve.log" >&2
    exit 1
  fi
  sleep 0.2
done
if [[ -z "$url" ]]; then
  echo "the server did not report its address within 30 s:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
echo "server on $url"

echo "generating the client: kiota generate -l CSharp -d $url/openapi.bundled.json"
if ! "$kiota" generate -l CSharp -d "$url/openapi.bundled.json" -o "$here/Generated" \
     -c AlexandriaKiotaClient -n Alexandria.Kiota.Client --clean-output --ll Warning >"$work/kiota.log" 2>&1; then
  cat "$work/kiota.log" >&2
  echo "kiota generate failed" >&2
  exit 1
fi
# Kiota reports an error response it cannot type as a warning and generates an untyped ApiException for it.
if grep -E "Could not create error type|OpenAPI error" "$work/kiota.log" >&2; then
  echo "kiota could not type every response from the served description" >&2
  exit 1
fi

echo "building the harness"
dotnet build "$here/Alexandria.Kiota.RoundTrip.csproj" -c Release -nologo -v quiet
dotnet "$here/bin/Release/net10.0/Alexandria.Kiota.RoundTrip.dll" "$url"
