#!/usr/bin/env bash
# Property-based API testing with schemathesis against /openapi.yaml of a demo server on a temporary
# SQLite database. Checks: not_a_server_error (no 5xx) and status_code_conformance (every status is
# documented for its operation). Exit 1 on any failure of either, 2 on a harness error.
#
#   Benchmarks/reliability/schemathesis.sh [MAX_SECONDS]        # default 600 (SCHEMATHESIS_MAX_TIME)
#
# Environment (all optional):
#   SCHEMATHESIS_MAX_TIME     total time budget in seconds, shared by the roles (default 600)
#   SCHEMATHESIS_ROLES        comma-separated roles, one schemathesis run each with its bearer token
#                             (default coordinator,physician,qa,admin; admin last)
#   SCHEMATHESIS_MAX_EXAMPLES test cases per operation and phase (default 200; the time budget usually ends first)
#   SCHEMATHESIS_WORKERS      concurrent workers (default 1: with several, schemathesis 4.32.5 on
#                             Python 3.11 sometimes fails with "AST constructor recursion depth mismatch")
#   SCHEMATHESIS_SEED         seed for a reproducible run
#   SCHEMATHESIS_PORT         server port (default 18130)
#   SCHEMATHESIS_VENV         where schemathesis is installed when missing
#                             (default ~/.cache/cartograph-reliability/schemathesis-<version>)
#   SCHEMATHESIS_REPORT_DIR   keep the reports (NDJSON, JUnit) and server log there
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ST_VERSION=4.32.5
MAX_TIME="${1:-${SCHEMATHESIS_MAX_TIME:-600}}"
ROLES="${SCHEMATHESIS_ROLES:-coordinator,physician,qa,admin}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-200}"
WORKERS="${SCHEMATHESIS_WORKERS:-1}"
PORT="${SCHEMATHESIS_PORT:-18130}"
VENV="${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cartograph-reliability/schemathesis-$ST_VERSION}"

# --- schemathesis, pinned, in its own virtual environment (installed from PyPI when missing)
ST="$VENV/bin/schemathesis"
if ! "$ST" --version 2>/dev/null | grep -q "$ST_VERSION"; then
    echo "installing schemathesis $ST_VERSION into $VENV"
    mkdir -p "$(dirname "$VENV")"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION"
fi
"$ST" --version

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cartograph-schemathesis.XXXXXX")"
SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
    if [[ -n "${SCHEMATHESIS_REPORT_DIR:-}" ]]; then
        mkdir -p "$SCHEMATHESIS_REPORT_DIR"
        cp -r "$WORK"/reports "$WORK"/*.log "$WORK"/schemathesis.toml "$SCHEMATHESIS_REPORT_DIR"/ 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "http://127.0.0.1:$PORT/health"; then
    echo "port $PORT already answers; set SCHEMATHESIS_PORT" >&2; exit 2
fi
START=$(date +%s)
"$CARTOGRAPH_BIN" serve --demo --virtual-patients 4 --database "$WORK/schemathesis.sqlite" --port "$PORT" \
    > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; log:" >&2; cat "$WORK/server.log" >&2; exit 2; }
    sleep 0.2
done
curl -s -o /dev/null "http://127.0.0.1:$PORT/health" || { echo "server did not start" >&2; exit 2; }
echo "demo server up on port $PORT after $(( $(date +%s) - START ))s"

"$PYTHON" "$REL_DIR/schemathesis_support.py" prepare --port "$PORT" --out "$WORK" --roles "$ROLES"

IFS=',' read -r -a ROLE_LIST <<< "$ROLES"
PER_ROLE=$(( MAX_TIME / ${#ROLE_LIST[@]} ))
(( PER_ROLE >= 10 )) || PER_ROLE=10
mkdir -p "$WORK/reports"
for role in "${ROLE_LIST[@]}"; do
    echo "--- schemathesis as $role (max ${PER_ROLE}s, max examples $MAX_EXAMPLES, workers $WORKERS)"
    TOKEN="$(cat "$WORK/token-$role")"
    set +e
    (cd "$WORK" && "$ST" --config-file "$WORK/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.yaml" \
        -H "Authorization: Bearer $TOKEN" \
        --checks not_a_server_error,status_code_conformance \
        --max-time "$PER_ROLE" --max-examples "$MAX_EXAMPLES" --workers "$WORKERS" \
        --request-timeout 60 --generation-database none --no-color \
        ${SCHEMATHESIS_SEED:+--seed "$SCHEMATHESIS_SEED"} \
        --report ndjson,junit --report-dir "$WORK/reports" \
        --report-ndjson-path "$WORK/reports/$role.ndjson" --report-junit-path "$WORK/reports/$role.junit.xml" \
        > "$WORK/schemathesis-$role.log" 2>&1)
    ST_RC=$?
    set -e
    # schemathesis's own verdict for this role: the lines of its summary
    sed -n '/^=* SUMMARY =*$/,$p' "$WORK/schemathesis-$role.log" \
        | grep -E "Tested:|Failures:|❌|⚠️|test cases|generated|failures|passed" | sed 's/^/  /' || true
    if [[ $ST_RC -ne 0 && $ST_RC -ne 1 ]]; then
        echo "schemathesis exited with $ST_RC for $role:" >&2; tail -30 "$WORK/schemathesis-$role.log" >&2
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "THE SERVER DIED during the $role run; log tail:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
done

echo ""
echo "=== summary ($(( $(date +%s) - START ))s) ==="
set +e
"$PYTHON" "$REL_DIR/schemathesis_support.py" summarize "$WORK"/reports/*.ndjson
RC=$?
set -e
exit $RC
