#!/usr/bin/env bash
# Runs every test of the solution (the README's test command). Extra arguments go to `dotnet test`.
# Tests that need PostgreSQL start and remove a throwaway cluster themselves.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Alexandria.sln -c Release -nologo -v quiet
dotnet test Alexandria.sln -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" "$@"
