#!/usr/bin/env pwsh
# Proves the package works as a stranger would use it; the same as run-samples.sh, for PowerShell 7
# (Windows, macOS, Linux):
#   1. pack.ps1 packs Alexandria.Generators into artifacts/packages (a new version);
#   2. every samples/<name>/ with a project file restores from that feed (its own nuget.config), builds with
#      warnings as errors and runs; a sample that references the package must resolve exactly the new version;
#      a sample with <PublishAot>true</PublishAot> is published native (dotnet publish -r <rid>) and that binary runs;
#   3. the README's packaging steps, word for word, make a brand-new `dotnet new console` project use the package.
# Exit status 0 only when every step passed. -NoPack reuses the newest package already in the feed.
[CmdletBinding()]
param([switch] $NoPack)

$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$samples = $PSScriptRoot
$root = Split-Path -Parent $samples
$feed = Join-Path $root 'artifacts' 'packages'
$failures = [System.Collections.Generic.List[string]]::new()

function Step([string] $what) { Write-Host ''; Write-Host "== $what" }
function Fail([string] $what) { Write-Host "   FAILED: $what"; $failures.Add($what) }
function PackagesInFeed {
    if (-not (Test-Path -LiteralPath $feed)) { return @() }
    @(Get-ChildItem -LiteralPath $feed -Filter 'Alexandria.Generators.*.nupkg' | ForEach-Object Name | Sort-Object)
}

# The version just packed: the package that was not in the feed before (or, with -NoPack, the newest local one).
Step 'pack'
if ($NoPack) {
    $package = PackagesInFeed | Where-Object { $_ -like '*-local.*' } | Select-Object -Last 1
} else {
    $before = PackagesInFeed
    & (Join-Path $root 'pack.ps1')
    if ($LASTEXITCODE -ne 0) { Write-Error 'run-samples.ps1: pack.ps1 failed'; exit 1 }
    $package = PackagesInFeed | Where-Object { $before -notcontains $_ } | Select-Object -Last 1
}
if (-not $package) { Write-Error "run-samples.ps1: no new Alexandria.Generators package in $feed"; exit 1 }
$version = $package.Substring('Alexandria.Generators.'.Length)
$version = $version.Substring(0, $version.Length - '.nupkg'.Length)
Write-Host "   testing Alexandria.Generators $version"

# The runtime identifier of this machine, for native AOT publishing.
function Rid {
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = if ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'Arm64') { 'arm64' } else { 'x64' }
    "$os-$arch"
}

function Invoke-Sample([string] $dir) {
    $name = Split-Path -Leaf $dir
    $project = Get-ChildItem -LiteralPath $dir -Filter '*.csproj' | Select-Object -First 1
    $assembly = [System.IO.Path]::GetFileNameWithoutExtension($project.Name)
    $text = Get-Content -LiteralPath $project.FullName -Raw
    Step "sample $name"
    Push-Location -LiteralPath $dir
    try {
        $aot = $text.Contains('<PublishAot>true</PublishAot>')
        $ridArgs = if ($aot) { @('-r', (Rid)) } else { @() }

        # --force-evaluate: a floating version (0.1.0-local.*) is looked up again, not taken from the last restore.
        & dotnet restore --force-evaluate @ridArgs -nologo -v quiet
        if ($LASTEXITCODE -ne 0) { Fail "${name}: restore"; return }
        if ($text.Contains('Include="Alexandria.Generators"')) {
            $assets = Get-Content -LiteralPath (Join-Path 'obj' 'project.assets.json') -Raw
            if (-not $assets.Contains("`"Alexandria.Generators/$version`"")) { Fail "${name}: restored another Alexandria.Generators than $version"; return }
            Write-Host "   restored Alexandria.Generators $version from the feed"
        } else {
            Write-Host "   note: $name does not reference the Alexandria.Generators package"
        }

        & dotnet build -c Release --no-restore -nologo -v minimal -clp:NoSummary -p:TreatWarningsAsErrors=true @ridArgs
        if ($LASTEXITCODE -ne 0) { Fail "${name}: build (warnings are errors)"; return }

        if ($aot) {
            $out = Join-Path $dir 'bin' 'native'
            & dotnet publish -c Release --no-restore -nologo -v minimal -clp:NoSummary -r (Rid) -p:TreatWarningsAsErrors=true -o $out
            if ($LASTEXITCODE -ne 0) { Fail "${name}: native AOT publish (warnings are errors)"; return }
            # The native binary must behave exactly as the JIT build does: same lines, same exit code.
            $jit = & dotnet (Join-Path 'bin' 'Release' 'net10.0' (Rid) "$assembly.dll")
            if ($LASTEXITCODE -ne 0) { Fail "${name}: the JIT build exited with $LASTEXITCODE"; return }
            $native = & (Join-Path $out ($(if ($IsWindows) { "$assembly.exe" } else { $assembly })))
            if ($LASTEXITCODE -ne 0) { Fail "${name}: the native binary exited with $LASTEXITCODE"; return }
            if (($jit -join "`n") -ne ($native -join "`n")) { Fail "${name}: the native binary printed something else than the JIT build"; return }
            Write-Host "   $($native | Select-Object -Last 1)"
            Write-Host '   JIT and Native AOT agree'
        } else {
            & dotnet run -c Release --no-build
            if ($LASTEXITCODE -ne 0) { Fail "${name}: exited with $LASTEXITCODE"; return }
        }
        Write-Host '   ok'
    } finally {
        Pop-Location
    }
}

$count = 0
foreach ($dir in Get-ChildItem -LiteralPath $samples -Directory | Sort-Object Name) {
    if (-not (Get-ChildItem -LiteralPath $dir.FullName -Filter '*.csproj')) { continue }
    $count++
    Invoke-Sample $dir.FullName
}
if ($count -eq 0) { Fail "no sample project found under $samples" }

# The README's packaging section, word for word. Each command below must appear in README.md exactly as written
# here (with <path-to-alexandria> standing for the clone), so the README and this check cannot drift apart.
Step 'README packaging steps in a new console project'
$readmeSteps = @(
    'dotnet new console -o MyApp'
    'cd MyApp'
    'dotnet new nugetconfig'
    'dotnet nuget add source <path-to-alexandria>/artifacts/packages --name alexandria-local --configfile nuget.config'
    'dotnet add package Alexandria.Generators --prerelease'
    'mkdir contracts'
    'cp <path-to-alexandria>/samples/HelloContracts/contracts/greetings.json contracts/'
    'dotnet run'
)
$readmeProgram = 'Console.WriteLine(MyApp.GreetingValidator.Validate("""{"recipient":""}"""u8));'
$readme = Get-Content -LiteralPath (Join-Path $root 'README.md') -Raw
$readmeOk = $true
foreach ($line in $readmeSteps + $readmeProgram) {
    if (-not $readme.Contains($line)) { Fail "README.md no longer says: $line"; $readmeOk = $false }
}
if ($readmeOk) {
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('alexandria-readme-' + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    Push-Location -LiteralPath $work
    try {
        $ok = $true
        foreach ($line in $readmeSteps) {
            # The clone's path; an argument holding it is quoted so a path with spaces stays one argument.
            $line = ($line -split ' ' | ForEach-Object {
                if ($_.Contains('<path-to-alexandria>')) { "'" + $_.Replace('<path-to-alexandria>', $root).Replace("'", "''") + "'" } else { $_ }
            }) -join ' '

            if ($line -eq 'dotnet run') {
                Set-Content -LiteralPath 'Program.cs' -Value $readmeProgram
                Write-Host "   `$ (Program.cs) $readmeProgram"
                Write-Host "   `$ $line"
                $output = & dotnet run 2>&1 | Out-String
                Write-Host ($output.TrimEnd() -replace '(?m)^', '     ')
                if ($LASTEXITCODE -ne 0) { $ok = $false; break }
                if (-not $output.Contains('/recipient: ')) { Write-Host '   the generated validator did not report /recipient'; $ok = $false }
            } else {
                Write-Host "   `$ $line"
                $global:LASTEXITCODE = 0
                $log = Invoke-Expression $line 2>&1 | Out-String
                if ($LASTEXITCODE -ne 0) { Write-Host $log; $ok = $false; break }
            }
        }
        if ($ok) {
            $assets = Get-Content -LiteralPath (Join-Path 'obj' 'project.assets.json') -Raw
            if (-not $assets.Contains("`"Alexandria.Generators/$version`"")) { Write-Host "   did not install $version"; $ok = $false }
        }
        if (-not $ok) { Fail 'README packaging steps' }
    } catch {
        Fail "README packaging steps: $_"
    } finally {
        Pop-Location
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Write-Host ''
if ($failures.Count -eq 0) {
    Write-Host "run-samples: every check passed ($count sample(s) and the README steps, Alexandria.Generators $version)"
    exit 0
}
Write-Host "run-samples: $($failures.Count) check(s) FAILED:"
$failures | ForEach-Object { Write-Host "  - $_" }
exit 1
