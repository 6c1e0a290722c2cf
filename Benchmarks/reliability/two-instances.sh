#!/usr/bin/env bash
# Two servers on one PostgreSQL database (ports P and P+1). Writers are spread over both; each cycle
# one instance (in turn) is killed with kill -9 at a random moment, its unacknowledged writes are
# retried with the same Idempotency-Key and body on the other instance, then it is restarted.
# Also checks that a bearer token and a web session cookie issued by one instance work on the other.
#
#   Benchmarks/reliability/two-instances.sh --postgres URL
#   options: --cycles N (4)  --writers N (4)  --port P (18120)  --kill one|none (one)  --seed N
#            --claim-wait S (330)  --keep
#
# URL (or env RELIABILITY_POSTGRES_URL) names a server and an account with CREATEDB, e.g.
# postgres://cartograph:cartograph@127.0.0.1:55433/postgres?sslmode=disable; a fresh database
# rel_two_<time>_<pid> is created there and dropped at the end (unless --keep).
# Last line: acknowledged=N lost=0 duplicated=0 5xx=K audit=intact ... cross_instance_auth=ok;
# exit 1 when a write was lost or duplicated, the audit chain is broken or a token/session did not
# work across instances, 2 on a harness error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_URL="${RELIABILITY_POSTGRES_URL:-}" CYCLES=4 WRITERS=4 PORT=18120 SEED="" KEEP=0 CLAIM_WAIT=330 KILL=one
while [[ $# -gt 0 ]]; do
    case "$1" in
        --postgres) PG_URL="$2"; shift 2 ;;
        --cycles) CYCLES="$2"; shift 2 ;;
        --writers) WRITERS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --kill) KILL="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --claim-wait) CLAIM_WAIT="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -n "$PG_URL" ]] || { echo "two-instances.sh needs --postgres URL (or RELIABILITY_POSTGRES_URL)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cartograph-two-instances.XXXXXX")"
DB_NAME=""
cleanup() {
    local rc=$?
    [[ -n "${DRIVER_PID:-}" ]] && kill "$DRIVER_PID" 2>/dev/null && wait "$DRIVER_PID" 2>/dev/null
    kill_recorded_servers "$WORK/servers.pids"
    if [[ -n "$DB_NAME" && $KEEP -eq 0 ]]; then
        pg_admin "$PG_URL" "drop database if exists $DB_NAME" || true
    fi
    if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else echo "kept $WORK${DB_NAME:+ and database $DB_NAME}"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB_NAME="rel_two_$(date +%s)_$$"
pg_admin "$PG_URL" "create database $DB_NAME"
DATABASE="$(pg_url_with_db "$PG_URL" "$DB_NAME")"

"$PYTHON" "$REL_DIR/reliability.py" --bin "$CARTOGRAPH_BIN" --database "$DATABASE" --workdir "$WORK" \
    --instances 2 --kill "$KILL" --cycles "$CYCLES" --writers "$WRITERS" --port "$PORT" \
    --claim-wait "$CLAIM_WAIT" ${SEED:+--seed "$SEED"} &
DRIVER_PID=$!
set +e
wait "$DRIVER_PID"
RC=$?
set -e
DRIVER_PID=""
if [[ $RC -ne 0 ]]; then
    echo "server logs: $WORK/server-*.log (kept)"; KEEP=1
fi
exit $RC
