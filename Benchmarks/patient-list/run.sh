#!/usr/bin/env bash
# Patient list at 10,000 patients of one center (goal: p95 ≤ 100 ms for the page and the API).
#
#   bash Benchmarks/patient-list/run.sh [PATIENTS] [REQUESTS]
#
# Builds the release binary, migrates a fresh SQLite database, creates the center and a coordinator
# through the CLI, fills PATIENTS patients with make_db.py (one transaction, valid journeys), serves it
# on 127.0.0.1:8097 and measures with measure.py. Prints the figures; changes nothing in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS="${1:-10000}"
REQUESTS="${2:-210}"
PORT=8097
TODAY=2026-12-07
swift build -c release --product cartograph >/dev/null
BIN="$(swift build -c release --show-bin-path)/cartograph"
TMP="$(mktemp -d -t cartograph-list-bench.XXXXXX)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
DB="$TMP/bench.sqlite"
"$BIN" migrate --database "$DB" >/dev/null
printf 'bench-password-2026\n' | "$BIN" user add --center C01 --role coordinator --email bench@cartograph.test --password-stdin --database "$DB" >/dev/null
python3 Benchmarks/patient-list/make_db.py "$DB" C01 "$PATIENTS" "$TODAY"
CARTOGRAPH_TODAY=$TODAY "$BIN" serve --database "$DB" --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 1; done
echo "machine: $(nproc) cores, $(uname -m); release build; SQLite"
python3 -u Benchmarks/patient-list/measure.py "http://127.0.0.1:$PORT" bench@cartograph.test bench-password-2026 "$REQUESTS"
