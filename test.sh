#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Extra arguments go to `dotnet test`.
# Tests that need PostgreSQL start and remove a throwaway cluster themselves.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Alexandria.sln -c Release -nologo -v quiet
# A test that hangs is killed (and reported with a dump) rather than eating the whole CI budget.
dotnet test Alexandria.sln -c Release --no-build -nologo --blame-hang-timeout 15m --logger "trx" --logger "console;verbosity=minimal" "$@"
