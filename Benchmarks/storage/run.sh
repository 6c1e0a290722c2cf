#!/usr/bin/env bash
# Bulk storage: a virtual cohort stored by Cartograph beside sqlite3 inserting the same rows.
#
#   bash Benchmarks/storage/run.sh [PATIENTS] [RUNS]
#
# For each run: `cartograph trial --patients PATIENTS --into` a new SQLite file (simulation, then the
# repositories' writes with the audit chain), timed whole and as reported by the command; then the
# rows it wrote are dumped as INSERT statements and `sqlite3` loads them into an empty copy of the
# schema in one transaction, timed the same way. `cartograph audit verify` proves the chain after the
# bulk write. Prints rows, seconds and rows/s for both, the ratio, and the medians over RUNS.
# Changes nothing in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS="${1:-1000}"
RUNS="${2:-3}"
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install sqlite3" >&2; exit 1; }
swift build -c release --product cartograph >/dev/null
BIN="$(swift build -c release --show-bin-path)/cartograph"
TMP="$(mktemp -d -t cartograph-storage-bench.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
echo "machine: $(nproc) cores, $(uname -m), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); release build; SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "patients: $PATIENTS; runs: $RUNS"
printf '%-4s %10s %10s %12s %10s %12s %8s\n' run rows cart_s cart_rows/s sqlite_s sqlite_rows/s ratio
RESULTS="$TMP/results"
for run in $(seq 1 "$RUNS"); do
  DB="$TMP/cohort-$run.sqlite"
  t0=$(now)
  "$BIN" trial --patients "$PATIENTS" --into "$DB" --quiet --replicates 0 >/dev/null 2>"$TMP/trial.log"
  t1=$(now)
  "$BIN" audit verify --database "$DB" | grep -q "intact" || { echo "audit chain not intact" >&2; exit 1; }
  # The rows Cartograph wrote (every table but Fluent's migration log), as sqlite3 would replay them.
  TABLES=$(sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_fluent_migrations'")
  ROWS=0
  for t in $TABLES; do ROWS=$((ROWS + $(sqlite3 "$DB" "SELECT count(*) FROM \"$t\""))); done
  sqlite3 "$DB" .schema > "$TMP/schema.sql"
  { echo "BEGIN;"; for t in $TABLES; do sqlite3 "$DB" ".mode insert \"$t\"" "SELECT * FROM \"$t\""; done; echo "COMMIT;"; } > "$TMP/rows.sql"
  EMPTY="$TMP/empty-$run.sqlite"
  sqlite3 "$EMPTY" < "$TMP/schema.sql"
  sqlite3 "$EMPTY" "PRAGMA journal_mode=WAL;" >/dev/null
  t2=$(now)
  sqlite3 "$EMPTY" < "$TMP/rows.sql"
  t3=$(now)
  python3 - "$run" "$ROWS" "$t0" "$t1" "$t2" "$t3" >> "$RESULTS" <<'PY'
import sys
run, rows, t0, t1, t2, t3 = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
c, s = t1 - t0, t3 - t2
print(run, rows, f"{c:.2f}", f"{rows / c:.0f}", f"{s:.2f}", f"{rows / s:.0f}", f"{(rows / c) / (rows / s):.3f}")
PY
  tail -1 "$RESULTS" | awk '{printf "%-4s %10s %10s %12s %10s %12s %8s\n", $1, $2, $3, $4, $5, $6, $7}'
  rm -f "$DB"* "$EMPTY"*
done
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"median: cartograph {med(2):.2f} s ({med(3):.0f} rows/s); sqlite3 {med(4):.2f} s ({med(5):.0f} rows/s); "
      f"cartograph's rate is {100 * med(6):.1f}% of sqlite3's (goal: at least 20%)")
PY
