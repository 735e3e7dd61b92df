# Shared by main.sh and test.sh: the SDK check, step headings and a build that shows progress.

required_sdk_major=10

# Fails with a message a newcomer can act on when dotnet is missing or older than the repository needs.
require_dotnet_sdk() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK is not on PATH. Install the .NET ${required_sdk_major} SDK (https://dot.net/download) and run this again." >&2
    exit 1
  fi
  local version
  if ! version="$(dotnet --version 2>/dev/null)"; then
    echo "error: no .NET SDK satisfies global.json (needs ${required_sdk_major}.0.100 or later). Installed SDKs:" >&2
    dotnet --list-sdks >&2 || true
    exit 1
  fi
  if (( ${version%%.*} < required_sdk_major )); then
    echo "error: .NET SDK $version is too old; this repository needs ${required_sdk_major}.0.100 or later." >&2
    exit 1
  fi
  echo "Using .NET SDK $version"
}

step() { printf '\n[%s/%s] %s\n' "$1" "$2" "$3"; }

# Minimal verbosity prints a line per restored and built project, so a cold build is seen moving
# (with a terminal the SDK's live terminal logger takes over).
build_project() {
  dotnet build "$@" -c Release -nologo -v minimal -clp:NoSummary
}
