#!/usr/bin/env bash
# Records the verdicts of the whole catalogue against every proof target, ROUNDS times, into OUT/ROUND/TARGET.json:
# the bundled reference server (WebSocket, REST, browser cases; full tier), npm ws, Python websockets, npm
# json-server, every --defect fixture, and Chromium as a client. compare.py then checks that a refactoring left
# every verdict that was stable across the rounds unchanged.
#   tools/verdicts/capture.sh OUT [ROUNDS] [RUNNER-DLL]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=$(realpath -m "${1:?usage: capture.sh OUT [ROUNDS] [RUNNER-DLL]}")
rounds=${2:-3}
dll=${3:-$root/.build/runner/conformance.dll}
[ -f "$dll" ] || { ./run.sh --help >/dev/null; dll=$root/.build/runner/conformance.dll; }
for f in fixtures/ws/node_modules/ws/package.json fixtures/json-server/node_modules/json-server/package.json; do
  [ -f "$f" ] || { echo "error: $f is missing (npm ci in its fixture folder)" >&2; exit 2; }
done
conformance() { dotnet "$dll" "$@"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Starts a server in the background and sets $port from its first output line matching REGEX.
start() {
  local regex=$1; shift
  local log; log=$(mktemp)
  "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do
    port=$(grep -oP "$regex" "$log" | head -1 || true)
    if [ -n "$port" ]; then rm -f "$log"; return; fi
    sleep 0.1
  done
  echo "error: $* did not report a port: $(cat "$log")" >&2; exit 2
}
stop_last() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

# One run; a run that ends with an exit code other than 0 or 1 (usage, unreachable) stops the capture.
record() {
  local file=$1; shift
  local rc=0
  conformance run -q --out "$tmp/run" "$@" >"$tmp/log" 2>&1 || rc=$?
  if [ "$rc" -gt 1 ]; then echo "error: run $* exited $rc: $(cat "$tmp/log")" >&2; exit 2; fi
  mv "$tmp/run/results.json" "$file"
  echo "  $(basename "$file" .json): $(tail -2 "$tmp/log" | head -1)"
}

defects=$(conformance serve-reference --help | grep -oP '(?<=--defect <defect>).*' | grep -oP '(?<=: ).*(?= \[default)' | tr -d ',')
tmp=$(mktemp -d)
for round in $(seq "$rounds"); do
  dir="$out/$round"; mkdir -p "$dir"
  echo "round $round -> $dir"
  record "$dir/reference.json" --tier full --browser chromium
  record "$dir/client-chromium.json" --client chromium

  start '(?<=^listening )\d+' node fixtures/ws/server.js 0
  record "$dir/npm-ws.json" --target "ws://127.0.0.1:$port/echo" --tier full --browser chromium
  stop_last
  start '(?<=^listening )\d+' /usr/bin/python3 fixtures/python-websockets/server.py 0
  record "$dir/python-websockets.json" --target "ws://127.0.0.1:$port/echo" --tier full --browser chromium
  stop_last

  db=$(mktemp --suffix .json); cp fixtures/json-server/db.json "$db"
  free=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start "(?<=127\.0\.0\.1:)$free" node fixtures/json-server/node_modules/json-server/lib/cli/bin.js "$db" --port "$free" --host 127.0.0.1
  for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  record "$dir/json-server.json" --target "http://127.0.0.1:$port" --rest-profile fixtures/json-server/json-server.profile.yaml
  stop_last; rm -f "$db"

  for defect in $defects; do
    [ "$defect" = None ] && continue
    start '(?<=ws://127\.0\.0\.1:)\d+' dotnet "$dll" serve-reference --port 0 --defect "$defect"
    if [[ $defect == Rest* ]]; then
      record "$dir/defect-$defect.json" --target "http://127.0.0.1:$port" --rest-profile fixtures/rest/reference.profile.yaml
    else
      record "$dir/defect-$defect.json" --target "ws://127.0.0.1:$port/echo" --browser chromium
    fi
    stop_last
  done
done
rm -rf "$tmp"
