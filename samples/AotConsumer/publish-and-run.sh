#!/usr/bin/env bash
# Runs the AotConsumer sample twice, on the JIT and as a Native AOT binary, and fails unless both runs pass
# every check and print the same lines. The publish itself fails on any trim/AOT warning (warnings are errors).
#   samples/AotConsumer/publish-and-run.sh [RID]      (default linux-x64; works from any directory)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rid="${1:-linux-x64}"
out="$here/bin/aot-$rid"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is missing: dotnet is not on PATH" >&2
  exit 1
fi

# Native AOT links with clang and zlib; install them on a Debian machine where we may.
if ! command -v clang >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing clang and zlib1g-dev (Native AOT's linker)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
  else
    echo "Native AOT needs clang and zlib1g-dev (apt-get install clang zlib1g-dev)" >&2
    exit 1
  fi
fi

jit="$(mktemp)"
native="$(mktemp)"
trap 'rm -f "$jit" "$native"' EXIT

echo "== build and run on the JIT"
dotnet build "$here/AotConsumer.csproj" -c Release -v minimal
if ! dotnet "$here/bin/Release/net10.0/AotConsumer.dll" >"$jit"; then
  cat "$jit"
  echo "AotConsumer failed on the JIT" >&2
  exit 1
fi

echo "== publish with Native AOT ($rid) and run the binary"
dotnet publish "$here/AotConsumer.csproj" -c Release -r "$rid" -o "$out" -v minimal
if ! "$out/AotConsumer" >"$native"; then
  cat "$native"
  echo "AotConsumer failed as a native binary" >&2
  exit 1
fi

if ! diff -u "$jit" "$native"; then
  echo "the native binary printed something else than the JIT run" >&2
  exit 1
fi

echo "JIT and Native AOT agree: $(tail -n 1 "$native") ($out/AotConsumer)"
