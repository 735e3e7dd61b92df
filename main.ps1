#!/usr/bin/env pwsh
# The main job (PowerShell twin of main.sh, for Windows, macOS and Linux), on the embedded filesystem store:
#   1. build the CLI (the generator compiles contracts/ into types, validators, prompts, server interface);
#   2. validate every example document in contracts/examples/ with the generated validators;
#   3. run the long research scenario end to end: plan/act/observe, artifacts, several compactions;
#   4. replay the run: rebuild every snapshot from the event log and compare it byte for byte;
#   5. run the agent loop offline (a scripted model over samples/research-docs), then replay that run too.
# Works from any directory: pwsh ./main.ps1
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repo = $PSScriptRoot
Set-Location $repo
. (Join-Path $repo 'build' 'scripts' 'common.ps1')

Assert-DotnetSdk
$clock = [System.Diagnostics.Stopwatch]::StartNew()

Write-Step 1 6 'Building the CLI and the contracts it is generated from (a cold build restores packages: a few minutes)'
Invoke-Build (Join-Path 'src' 'Alexandria.Cli' 'Alexandria.Cli.csproj')
$cli = Join-Path $repo 'src' 'Alexandria.Cli' 'bin' 'Release' 'net10.0' 'alexandria.dll'
function Invoke-Alexandria([string[]] $Arguments) { Invoke-Native dotnet (@($cli) + $Arguments) }

Write-Step 2 6 'Validating every example document in contracts/examples/'
Invoke-Alexandria @('validate', (Join-Path 'contracts' 'examples'))

$store = Join-Path '.alexandria' 'main'
$runId = 'research-' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmss')
Write-Step 3 6 "Running scenarios/research-long.json as run $runId on the embedded store ($store)"
Invoke-Alexandria @('run', '--scenario', (Join-Path 'scenarios' 'research-long.json'), '--run-id', $runId, '--store', $store)

Write-Step 4 6 "Replaying run ${runId}: every snapshot rebuilt from the event log, compared byte for byte"
Invoke-Alexandria @('replay', $runId, '--store', $store)

$agentId = 'agent-' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmss')
Write-Step 5 6 "Running the agent loop offline as run ${agentId}: scripted model (scenarios/agent-research.json) over samples/research-docs"
Invoke-Alexandria @('agent', 'run', '--script', (Join-Path 'scenarios' 'agent-research.json'), '--index', (Join-Path 'samples' 'research-docs'),
    '--event-threshold', '9', '--run-id', $agentId, '--store', $store)

Write-Step 6 6 "Replaying agent run $agentId"
Invoke-Alexandria @('replay', $agentId, '--store', $store)

Write-Host ''
Write-Host "== Done in $([int]$clock.Elapsed.TotalSeconds) s =="
Write-Host '  examples   every document in contracts/examples/ judged as its name says (valid/invalid)'
Write-Host "  run        $runId, stored under $(Join-Path $repo $store)"
Write-Host '  replay     every stored snapshot equals its rebuild from the log'
Write-Host "  agent      ${agentId}: plans validated (with repairs), guarded tools, a loop override, compactions, cited answer"
Write-Host "  next       dotnet $cli inspect $agentId --store $store"
