#!/usr/bin/env bash
# The main job, on the embedded filesystem store (no server, no network):
#   1. build the CLI (the generator compiles contracts/ into types, validators, prompts, server interface);
#   2. validate every example document in contracts/examples/ with the generated validators;
#   3. run the long research scenario end to end: plan/act/observe, artifacts, several compactions;
#   4. replay the run: rebuild every snapshot from the event log and compare it byte for byte.
# Works from any directory. PowerShell twin (Windows, macOS, Linux): main.ps1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source build/scripts/common.sh

require_dotnet_sdk
started=$SECONDS

step 1 4 "Building the CLI and the contracts it is generated from (a cold build restores packages: a few minutes)"
build_project src/Alexandria.Cli/Alexandria.Cli.csproj
alexandria() { dotnet "$repo/src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll" "$@"; }

step 2 4 "Validating every example document in contracts/examples/"
alexandria validate contracts/examples

store=".alexandria/main"
run_id="research-$(date -u +%Y%m%d%H%M%S)"
step 3 4 "Running scenarios/research-long.json as run $run_id on the embedded store ($store)"
alexandria run --scenario scenarios/research-long.json --run-id "$run_id" --store "$store"

step 4 4 "Replaying run $run_id: every snapshot rebuilt from the event log, compared byte for byte"
alexandria replay "$run_id" --store "$store"

cat <<SUMMARY

== Done in $((SECONDS - started)) s ==
  examples   every document in contracts/examples/ judged as its name says (valid/invalid)
  run        $run_id, stored under $repo/$store
  replay     every stored snapshot equals its rebuild from the log
  next       dotnet src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll inspect $run_id --store $store
SUMMARY
