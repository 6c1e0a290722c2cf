#!/usr/bin/env bash
# kill -9 durability: writers enrol patients (each with its own hospital number and Idempotency-Key)
# while the server is killed at a random moment, every cycle; unacknowledged writes are retried with
# the same key and body after the restart; the end state is compared with what was acknowledged.
#
#   Benchmarks/reliability/durability.sh                      # SQLite, 20 cycles
#   Benchmarks/reliability/durability.sh --postgres URL       # PostgreSQL, 5 cycles, fresh database
#   options: --cycles N  --writers N (4)  --port P (18110)  --seed N  --claim-wait S (330)  --keep
#
# --postgres URL names a server and an account with CREATEDB (for example
# postgres://cartograph:cartograph@127.0.0.1:55433/postgres?sslmode=disable); a fresh database
# rel_dur_<time>_<pid> is created there and dropped at the end (unless --keep).
# Last line: acknowledged=N lost=0 duplicated=0 5xx=K audit=intact ...; exit 1 when a write was lost or
# duplicated or the audit chain is broken, 2 on a harness error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_URL="" CYCLES="" WRITERS=4 PORT=18110 SEED="" KEEP=0 CLAIM_WAIT=330
while [[ $# -gt 0 ]]; do
    case "$1" in
        --postgres) PG_URL="$2"; shift 2 ;;
        --cycles) CYCLES="$2"; shift 2 ;;
        --writers) WRITERS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --claim-wait) CLAIM_WAIT="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cartograph-durability.XXXXXX")"
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

AUDIT_EACH=()
if [[ -n "$PG_URL" ]]; then
    DB_NAME="rel_dur_$(date +%s)_$$"
    pg_admin "$PG_URL" "create database $DB_NAME"
    DATABASE="$(pg_url_with_db "$PG_URL" "$DB_NAME")"
    CYCLES="${CYCLES:-5}"
else
    DATABASE="$WORK/durability.sqlite"
    CYCLES="${CYCLES:-20}"
    AUDIT_EACH=(--audit-each-cycle)
fi

"$PYTHON" "$REL_DIR/reliability.py" --bin "$CARTOGRAPH_BIN" --database "$DATABASE" --workdir "$WORK" \
    --instances 1 --kill all --cycles "$CYCLES" --writers "$WRITERS" --port "$PORT" \
    --claim-wait "$CLAIM_WAIT" ${SEED:+--seed "$SEED"} "${AUDIT_EACH[@]}" &
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
