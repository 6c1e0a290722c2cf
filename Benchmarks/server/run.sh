#!/usr/bin/env bash
# Pages under load beside the same server's /health, with wrk (Debian's package).
#
#   bash Benchmarks/server/run.sh [PATIENTS] [DATABASE_URL]
#   BENCH_SQLITE=FILE bash Benchmarks/server/run.sh [PATIENTS]   # keep the SQLite file; reuse it when it exists
#
# Stores a virtual cohort of PATIENTS (default 10,000) with the bulk path (`cartograph trial --into`)
# into a new SQLite file, or into the PostgreSQL database DATABASE_URL names (which must be empty),
# gives its study center a coordinator account, serves it from a release build and runs wrk (16
# connections, 2 threads, 20 s each, after a 5 s warm-up) against /health, the patient page, the
# Day 0–28 board, the dashboard and one page (50) of the patient list, signed in. Prints requests/s,
# p50 and p99 per URL and each page's share of /health's requests/s (goal: at least 20%, p99 under
# 50 ms); then times the cohort report of the stored cohort, computed and then kept, with the
# server's resident memory. Changes nothing in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS="${1:-10000}"
DATABASE="${2:-}"
PORT=8098
# The trial's default data cut is the server's today. The virtual cohort's last infusion is months before
# it, so the board lists nobody: its figure is the cost of finding the center's Day 0–28 patients.
TODAY=2024-12-31
DURATION="${BENCH_DURATION:-20s}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
swift build -c release --product cartograph >/dev/null
BIN="$(swift build -c release --show-bin-path)/cartograph"
TMP="$(mktemp -d -t cartograph-server-bench.XXXXXX)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT
DB="${DATABASE:-${BENCH_SQLITE:-$TMP/bench.sqlite}}"
EMAIL=bench-coordinator@cartograph.test
PASSWORD=bench-password-2026
t0=$(date +%s.%N)
if [ -n "${BENCH_SQLITE:-}" ] && [ -s "$BENCH_SQLITE" ]; then
  echo "reusing $BENCH_SQLITE (no storing timed)"
  REUSED=1
else
  CARTOGRAPH_TODAY=$TODAY "$BIN" trial --patients "$PATIENTS" --follow-up-months 36 --into "$DB" --quiet --replicates 0 >/dev/null
fi
t1=$(date +%s.%N)
printf '%s\n' "$PASSWORD" | "$BIN" user add --center VF1 --role coordinator --email "$EMAIL" --password-stdin --database "$DB" >/dev/null 2>&1 || true
CARTOGRAPH_TODAY=$TODAY CARTOGRAPH_LOG_FORMAT=text LOG_LEVEL=warning "$BIN" serve --database "$DB" --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 1; done
BASE="http://127.0.0.1:$PORT"
python3 Benchmarks/server/session.py "$BASE" "$EMAIL" "$PASSWORD" > "$TMP/session" || { tail -20 "$TMP/server.log" >&2; exit 1; }
mapfile -t SESSION < "$TMP/session"
COOKIE="${SESSION[0]}"
PATIENT="${SESSION[1]}"
echo "machine: $(nproc) cores, $(uname -m), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); release build; $( [ -n "$DATABASE" ] && echo PostgreSQL || echo SQLite )"
[ -n "${REUSED:-}" ] || python3 - "$PATIENTS" "$t0" "$t1" <<'PY'
import sys
n, t0, t1 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"{n} virtual patients stored in {t1 - t0:.1f} s ({n / (t1 - t0):.1f} patients/s)")
PY
printf '%-34s %10s %9s %9s %8s %8s\n' url "req/s" p50_ms p99_ms bytes share
HEALTH=""
for url in /health "/patients/$PATIENT" /board / /patients; do
  # The first request of a page derives what it caches; the warm-up takes it out of the figures.
  wrk -t2 -c16 -d5s -H "Cookie: $COOKIE" "$BASE$url" >/dev/null
  out=$(wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$BASE$url")
  [ -z "$HEALTH" ] && HEALTH=$rps
  python3 - "$url" "$rps" "$p50" "$p99" "$bytes" "$HEALTH" "${non2xx:-0}" <<'PY'
import sys
def ms(t):
    for unit, f in (("us", 1e-3), ("ms", 1.0), ("s", 1000.0)):
        if t.endswith(unit) and t[:-len(unit)].replace(".", "").isdigit():
            return float(t[:-len(unit)]) * f
    return float("nan")
url, rps, p50, p99, size, health, bad = sys.argv[1:8]
url = url if len(url) < 34 else url[:31] + "..."
flag = "" if bad == "0" else f"  ({bad} responses not 2xx)"
print(f"{url:34} {float(rps):10.1f} {ms(p50):9.2f} {ms(p99):9.2f} {int(size):8d} {100 * float(rps) / float(health):7.1f}%{flag}")
PY
done
# The cohort report of the stored (virtual) cohort: computed once for a data cut, then kept until a
# record changes. The first request computes it; the next ones are served from what was kept.
REPORT="$BASE/reports/fucaso?origin=virtual&cut=$TODAY"
rss() { ps -o rss= -p "$SERVER" | awk '{printf "%.0f", $1 / 1024}'; }
echo "cohort report, $PATIENTS virtual patients (server memory before: $(rss) MiB)"
for run in computed kept kept; do
  t=$(curl -s -o /dev/null -w '%{time_total} %{size_download}' -H "Cookie: $COOKIE" "$REPORT")
  printf '  %-9s %8.3f s %9s bytes   server memory %s MiB\n' "$run" ${t% *} ${t#* } "$(rss)"
done
