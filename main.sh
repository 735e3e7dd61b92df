#!/usr/bin/env bash
# The main job, on the embedded filesystem store (no server needed):
#   1. build everything (the generator compiles contracts/ into types, validators, prompts, server interface);
#   2. validate every example document with the generated validators;
#   3. run the long research scenario end to end: plan/act/observe, artifacts, several compactions;
#   4. replay the run: rebuild every snapshot from the event log and compare it byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Alexandria.sln -c Release -nologo -v quiet
alexandria() { dotnet src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll "$@"; }

alexandria validate contracts/examples

store=".alexandria/main"
run_id="research-$(date -u +%Y%m%d%H%M%S)"
alexandria run --scenario scenarios/research-long.json --run-id "$run_id" --store "$store"
alexandria replay "$run_id" --store "$store"
