#!/usr/bin/env bash
# Conformance: builds what is missing, then runs the command line.
#   ./run.sh              run the default catalogue against the bundled reference server
#   ./run.sh test [ARGS]  run the test suite (ARGS go to dotnet test, e.g. --filter Category!=Slow)
#   ./run.sh --help       every command and option
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build="$root/.build/runner"
dll="$build/conformance.dll"
stamp="$build/.built"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

# The test command builds what it tests itself.
if [ "${1:-}" = "test" ]; then
  shift
  exec "$root/.ci/test" "$@"
fi

# Rebuild only when a source, project or build file is newer than the last build, so a run starts fast.
needs_build() {
  [ -f "$dll" ] && [ -f "$stamp" ] || return 0
  [ -n "$(find suite runner reference-server report-site Directory.Build.props -newer "$stamp" \
          \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.cshtml' -o -name '*.css' -o -name '*.txt' -o -name '*.js' -o -name '*.html' \) -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}

if needs_build; then
  echo "building the runner..." >&2
  mkdir -p "$build"
  if ! dotnet build runner/Conformance.Runner/Conformance.Runner.csproj -c Release -o "$build" --nologo > "$build/build.log" 2>&1; then
    cat "$build/build.log" >&2
    echo "error: the build failed (log: $build/build.log)" >&2
    exit 2
  fi
  touch "$stamp"
fi

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  cat <<'TXT'
Conformance — WebSocket and REST conformance suite

  ./run.sh                         run the default catalogue against the bundled reference server,
                                   write results.json and the HTML report, print their paths
  ./run.sh run --target URL ...    run against any ws:// or wss:// server (./run.sh run --help)
  ./run.sh run --target http://HOST:PORT --rest-profile FILE
                                   run the REST catalogue against a JSON API described by FILE
  ./run.sh list                    print the catalogue
  ./run.sh explain CASE-ID         print one case with its requirement and clause
  ./run.sh report R.json... --out SITE
                                   write the static HTML report site from results files (one target each)
  ./run.sh bench --target URL      run the catalogue N times and print wall time and cases/s
  ./run.sh bench --site R.json     time the report site for 10 copies of a results file
  ./run.sh baseline write RESULTS.json --out FILE [--reason CASE-ID=TEXT ...]
                                   accept a run's verdicts as the baseline of run --baseline FILE,
                                   which then exits 1 only on regressions
  ./run.sh compare A.json B.json [--fail-on-regression] [--out SITE]
                                   what changed between two results files (exit 0 unless asked);
                                   --out also writes a site with both runs and a diff page
  ./run.sh run --browser chromium --target ws://...
                                   also run the browser cases through headless Chromium (--area browser
                                   alone; --browser-path, --origin)
  ./run.sh serve --port N          serve the client cases to any WebSocket client; results per agent at Ctrl-C
  ./run.sh run --client chromium   judge Chromium as a client through the client cases
  ./run.sh serve-reference         serve the reference server (or a broken fixture: --defect NAME,
                                   or an allowed variant making one legitimate choice: --variant NAME)
  ./run.sh serve-reports --data DIR [--urls URL]
                                   host uploaded runs: the /api/v1 API, pages and badges
  ./run.sh reports token create --name NAME --data DIR [--implementation NAME] [--admin]
                                   an upload token, printed once (token revoke --name NAME)
  ./run.sh publish RESULTS.json --server URL
                                   upload a run (token in $CONFORMANCE_TOKEN); or run --publish URL
  ./run.sh test [DOTNET-TEST-ARGS] run the test suite (the same command CI runs)

  In CI: run --junit FILE (JUnit XML), --annotations github (::error lines), --baseline FILE;
  with GITHUB_STEP_SUMMARY set, a markdown summary is appended to that file.

TXT
fi

exec dotnet "$dll" "$@"
