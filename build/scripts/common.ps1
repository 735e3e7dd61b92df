# Shared by main.ps1 and test.ps1: the SDK check, step headings and a build that shows progress.
# PowerShell 7 on Windows, macOS and Linux; no POSIX-only commands.

$script:RequiredSdkMajor = 10
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Write-Failure([string] $Message) { [Console]::Error.WriteLine("error: $Message") }

# Fails with a message a newcomer can act on when dotnet is missing or older than the repository needs.
function Assert-DotnetSdk {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Write-Failure "the .NET SDK is not on PATH. Install the .NET $script:RequiredSdkMajor SDK (https://dot.net/download) and run this again."
        exit 1
    }
    $version = (& dotnet --version 2>$null)
    if ($LASTEXITCODE -ne 0 -or -not $version) {
        Write-Failure "no .NET SDK satisfies global.json (needs $script:RequiredSdkMajor.0.100 or later). Installed SDKs:`n$(& dotnet --list-sdks)"
        exit 1
    }
    if ([int]($version.Split('.')[0]) -lt $script:RequiredSdkMajor) {
        Write-Failure ".NET SDK $version is too old; this repository needs $script:RequiredSdkMajor.0.100 or later."
        exit 1
    }
    Write-Host "Using .NET SDK $version"
}

function Write-Step([int] $Number, [int] $Total, [string] $Text) {
    Write-Host ''
    Write-Host "[$Number/$Total] $Text"
}

# Runs a native command and stops the script when it fails (PowerShell does not, by default).
function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Failure "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
        exit $LASTEXITCODE
    }
}

# Minimal verbosity prints a line per restored and built project, so a cold build is seen moving.
function Invoke-Build([string] $Target) {
    Invoke-Native dotnet @('build', $Target, '-c', 'Release', '-nologo', '-v', 'minimal', '-clp:NoSummary')
}
