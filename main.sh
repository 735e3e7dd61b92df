#!/usr/bin/env bash
# The main job: build, then validate every example document against the generated validators.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Alexandria.sln -c Release -nologo -v quiet
dotnet run --project src/Alexandria.Cli -c Release --no-build -- validate contracts/examples
