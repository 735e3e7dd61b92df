#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Extra arguments go to `dotnet test`.
# Tests that need PostgreSQL start and remove a throwaway cluster themselves. Works from any directory.
# PowerShell twin (Windows, macOS, Linux): test.ps1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source build/scripts/common.sh

require_dotnet_sdk
step 1 2 "Building the solution, tests included"
build_project Alexandria.sln
step 2 2 "Running every test project"
# A test that hangs is killed (and reported with a dump) rather than eating the whole CI budget.
dotnet test Alexandria.sln -c Release --no-build -nologo --blame-hang-timeout 15m --logger "trx" --logger "console;verbosity=minimal" "$@"
