#!/usr/bin/env bash
# Load figures for the report service: wrk (Debian's) against the home page, a run page and GET /api/v1/runs of a
# private serve-reports holding two uploaded runs. Prints requests/s and latency percentiles for each.
#   report-site/load/run.sh [SECONDS] [CONNECTIONS]     (defaults: 10 s, 16 connections, 2 threads)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-16}
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

./run.sh run -q -o "$work/a" --name load-a >/dev/null || [ $? -eq 1 ]
./run.sh run -q -o "$work/b" --name load-b --cases 'ws.*' >/dev/null || [ $? -eq 1 ]
token=$(./run.sh reports token create --name load --data "$work/data" | grep -o 'cfr_[A-Za-z0-9_-]*' | head -1)
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
dotnet .build/runner/conformance.dll serve-reports --urls "$base" --data "$work/data" --uploads-per-minute 1000 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "$base/api/v1/runs" >/dev/null 2>&1 && break; sleep 0.2; done

run_url=$(CONFORMANCE_TOKEN=$token ./run.sh publish "$work/a/results.json" --server "$base")
CONFORMANCE_TOKEN=$token ./run.sh publish "$work/b/results.json" --server "$base" >/dev/null
run_id=${run_url##*/}

# Pages are answered with a redirect to the rendered file: measure the redirect (a store query each time) and the
# file itself, warmed once.
resolve() { curl -fs -o /dev/null -w '%{url_effective}' -L "$1"; }
home=$(resolve "$base/")
run_page=$(resolve "$base/runs/$run_id")

echo "report service at $base: 2 runs (${run_id}), wrk ${seconds}s, $connections connections, 2 threads"
for target in "home redirect (/)|$base/" "home page|$home" "run page|$run_page" "GET /api/v1/runs|$base/api/v1/runs"; do
  name=${target%%|*}
  url=${target#*|}
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url" >"$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p90=$(awk '$1 == "90%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx or 3xx responses|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
  printf '%-20s %10s req/s   p50 %8s   p90 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "${errors:-no errors}"
done
