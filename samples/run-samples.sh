#!/usr/bin/env bash
# Proves the package works as a stranger would use it (run-samples.ps1 is the same for PowerShell):
#   1. ./pack.sh packs Alexandria.Generators into artifacts/packages (a new version);
#   2. every samples/<name>/ with a project file restores from that feed (its own nuget.config), builds with
#      warnings as errors and runs; a sample that references the package must resolve exactly the new version;
#      a sample with <PublishAot>true</PublishAot> is published native (dotnet publish -r <rid>) and that binary runs;
#   3. the README's packaging steps, word for word, make a brand-new `dotnet new console` project use the package.
# Exit status 0 only when every step passed. --no-pack reuses the newest package already in the feed.
set -uo pipefail
samples="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$samples")"
feed="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pack=true
for arg in "$@"; do
  case "$arg" in
    --no-pack) pack=false ;;
    *) echo "run-samples.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

failures=()
step() { echo; echo "== $*"; }
fail() { echo "   FAILED: $*"; failures+=("$*"); }

# The version just packed: the package that was not in the feed before (or, with --no-pack, the newest local one).
packages_in_feed() { ls "$feed" 2>/dev/null | grep -E '^Alexandria\.Generators\..*\.nupkg$' | sort; }
step "pack"
if [ "$pack" = true ]; then
  before="$(packages_in_feed)"
  "$root/pack.sh" || { echo "run-samples.sh: pack.sh failed" >&2; exit 1; }
  package="$(comm -13 <(echo "$before") <(packages_in_feed) | tail -n 1)"
else
  package="$(packages_in_feed | grep -- '-local\.' | tail -n 1)"
fi
if [ -z "$package" ]; then
  echo "run-samples.sh: no new Alexandria.Generators package in $feed" >&2
  exit 1
fi
version="${package#Alexandria.Generators.}"
version="${version%.nupkg}"
echo "   testing Alexandria.Generators $version"

# The runtime identifier of this machine, for native AOT publishing.
rid() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) os=win ;; esac
  case "$(uname -m)" in aarch64|arm64) arch=arm64 ;; *) arch=x64 ;; esac
  echo "$os-$arch"
}

run_sample() {
  local dir="$1" name project assembly
  name="$(basename "$dir")"
  project="$(ls "$dir"/*.csproj | head -n 1)"
  assembly="$(basename "$project" .csproj)"
  step "sample $name"
  cd "$dir" || return 1

  local aot=false restore_rid=()
  if grep -q '<PublishAot>true</PublishAot>' "$project"; then aot=true; restore_rid=(-r "$(rid)"); fi

  # --force-evaluate: a floating version (0.1.0-local.*) is looked up again, not taken from the last restore.
  dotnet restore --force-evaluate "${restore_rid[@]}" -nologo -v quiet || { fail "$name: restore"; return; }
  if grep -q 'Include="Alexandria.Generators"' "$project"; then
    grep -q "\"Alexandria.Generators/$version\"" obj/project.assets.json \
      || { fail "$name: restored another Alexandria.Generators than $version"; return; }
    echo "   restored Alexandria.Generators $version from the feed"
  else
    echo "   note: $name does not reference the Alexandria.Generators package"
  fi

  dotnet build -c Release --no-restore -nologo -v minimal -clp:NoSummary -p:TreatWarningsAsErrors=true "${restore_rid[@]}" \
    || { fail "$name: build (warnings are errors)"; return; }

  if [ "$aot" = true ]; then
    local out="$dir/bin/native"
    dotnet publish -c Release --no-restore -nologo -v minimal -clp:NoSummary -r "$(rid)" -p:TreatWarningsAsErrors=true -o "$out" \
      || { fail "$name: native AOT publish (warnings are errors)"; return; }
    # The native binary must behave exactly as the JIT build does: same lines, same exit code.
    local jit native
    jit="$(dotnet "bin/Release/net10.0/$(rid)/$assembly.dll")" || { fail "$name: the JIT build exited with $?"; return; }
    native="$("$out/$assembly")" || { fail "$name: the native binary exited with $?"; return; }
    [ "$jit" = "$native" ] || { diff <(echo "$jit") <(echo "$native"); fail "$name: the native binary printed something else than the JIT build"; return; }
    echo "$native" | tail -n 1 | sed 's/^/   /'
    echo "   JIT and Native AOT agree"
  else
    dotnet run -c Release --no-build || { fail "$name: exited with $?"; return; }
  fi
  echo "   ok"
}

count=0
for dir in "$samples"/*/; do
  dir="${dir%/}"
  ls "$dir"/*.csproj >/dev/null 2>&1 || continue
  count=$((count + 1))
  run_sample "$dir"
done
[ "$count" -gt 0 ] || fail "no sample project found under $samples"

# The README's packaging section, word for word. Each command below must appear in README.md exactly as written
# here (with <path-to-alexandria> standing for the clone), so the README and this check cannot drift apart.
step "README packaging steps in a new console project"
readme_steps=(
  "dotnet new console -o MyApp"
  "cd MyApp"
  "dotnet new nugetconfig"
  "dotnet nuget add source <path-to-alexandria>/artifacts/packages --name alexandria-local --configfile nuget.config"
  "dotnet add package Alexandria.Generators --prerelease"
  "mkdir contracts"
  "cp <path-to-alexandria>/samples/HelloContracts/contracts/greetings.json contracts/"
  "dotnet run"
)
readme_program='Console.WriteLine(MyApp.GreetingValidator.Validate("""{"recipient":""}"""u8));'
readme_ok=true
for line in "${readme_steps[@]}" "$readme_program"; do
  grep -qF -- "$line" "$root/README.md" || { fail "README.md no longer says: $line"; readme_ok=false; }
done
if [ "$readme_ok" = true ]; then
  work="$(mktemp -d)"
  printf -v quoted_root '%q' "$root"
  (
    set -e
    cd "$work"
    for line in "${readme_steps[@]}"; do
      line="${line//<path-to-alexandria>/$quoted_root}"
      if [ "$line" = "dotnet run" ]; then
        printf '%s\n' "$readme_program" > Program.cs
        echo "   \$ (Program.cs) $readme_program"
        echo "   \$ $line"
        dotnet run > run.txt
        sed 's/^/     /' run.txt
      else
        echo "   \$ $line"
        eval "$line" > step.log 2>&1 || { cat step.log; exit 1; }
      fi
    done
    grep -q "\"Alexandria.Generators/$version\"" obj/project.assets.json || { echo "   did not install $version"; exit 1; }
    grep -q '/recipient: ' run.txt || { echo "   the generated validator did not report /recipient"; exit 1; }
  ) || fail "README packaging steps"
  rm -rf "$work"
fi

echo
if [ "${#failures[@]}" -eq 0 ]; then
  echo "run-samples: every check passed ($count sample(s) and the README steps, Alexandria.Generators $version)"
  exit 0
fi
echo "run-samples: ${#failures[@]} check(s) FAILED:"
printf '  - %s\n' "${failures[@]}"
exit 1
