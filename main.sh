#!/usr/bin/env bash
# The main job, on the embedded filesystem store (no server, no network):
#   1. build the CLI (the generator compiles contracts/ into types, validators, prompts, server interface);
#   2. validate every example document in contracts/examples/ with the generated validators;
#   3. run the long research scenario end to end: plan/act/observe, artifacts, several compactions;
#   4. replay the run: rebuild every snapshot from the event log and compare it byte for byte;
#   5. run the agent loop offline (a scripted model over samples/research-docs): validated plans with repairs,
#      guarded tools (a paginated result, zero-result guidance), an enforced loop override, compactions that
#      feed the planner's context, a final answer citing evidence that resolves; then replay that run too.
# Works from any directory. PowerShell twin (Windows, macOS, Linux): main.ps1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source build/scripts/common.sh

require_dotnet_sdk
started=$SECONDS

step 1 6 "Building the CLI and the contracts it is generated from (a cold build restores packages: a few minutes)"
build_project src/Alexandria.Cli/Alexandria.Cli.csproj
alexandria() { dotnet "$repo/src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll" "$@"; }

step 2 6 "Validating every example document in contracts/examples/"
alexandria validate contracts/examples

store=".alexandria/main"
run_id="research-$(date -u +%Y%m%d%H%M%S)"
step 3 6 "Running scenarios/research-long.json as run $run_id on the embedded store ($store)"
alexandria run --scenario scenarios/research-long.json --run-id "$run_id" --store "$store"

step 4 6 "Replaying run $run_id: every snapshot rebuilt from the event log, compared byte for byte"
alexandria replay "$run_id" --store "$store"

agent_id="agent-$(date -u +%Y%m%d%H%M%S)"
step 5 6 "Running the agent loop offline as run $agent_id: scripted model (scenarios/agent-research.json) over samples/research-docs"
alexandria agent run --script scenarios/agent-research.json --index samples/research-docs --event-threshold 9 --run-id "$agent_id" --store "$store"

step 6 6 "Replaying agent run $agent_id"
alexandria replay "$agent_id" --store "$store"

cat <<SUMMARY

== Done in $((SECONDS - started)) s ==
  examples   every document in contracts/examples/ judged as its name says (valid/invalid)
  run        $run_id, stored under $repo/$store
  replay     every stored snapshot equals its rebuild from the log
  agent      $agent_id: plans validated (with repairs), guarded tools, a loop override, compactions, cited answer
  next       dotnet src/Alexandria.Cli/bin/Release/net10.0/alexandria.dll inspect $agent_id --store $store
SUMMARY
