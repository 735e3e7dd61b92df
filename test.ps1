#!/usr/bin/env pwsh
# Runs every test of the solution (PowerShell twin of test.sh, for Windows, macOS and Linux).
# Extra arguments go to `dotnet test`, e.g. pwsh ./test.ps1 --filter Conformance
# Tests that need PostgreSQL start and remove a throwaway cluster themselves. Works from any directory.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repo = $PSScriptRoot
Set-Location $repo
. (Join-Path $repo 'build' 'scripts' 'common.ps1')

Assert-DotnetSdk
Write-Step 1 2 'Building the solution, tests included'
Invoke-Build 'Alexandria.sln'
Write-Step 2 2 'Running every test project'
# A test that hangs is killed (and reported with a dump) rather than eating the whole CI budget.
Invoke-Native dotnet (@('test', 'Alexandria.sln', '-c', 'Release', '--no-build', '-nologo', '--blame-hang-timeout', '15m',
    '--logger', 'trx', '--logger', 'console;verbosity=minimal') + $args)
