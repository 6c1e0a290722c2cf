#!/usr/bin/env bash
# Screenshot tour of the demo program, one set of pages per demo role.
#
#   bash docs/screens/take-screens.sh
#
# Needs: a built cartograph binary (CARTOGRAPH_BIN, default .build/debug/cartograph),
# python3 with selenium, and Debian's chromium + chromium-driver
# (apt-get install -y chromium chromium-driver; pip install selenium).
#
# Environment:
#   CARTOGRAPH_BIN  binary to serve (copied to a temp dir first, so a rebuild cannot swap it mid-run)
#   VIRTUAL         --virtual-patients for the demo (default 12)
#   PORT            port to serve on (default 8099)
#   MAX_SHOTS       cap on the number of screenshots (default 40)
#
# The demo is loaded with CARTOGRAPH_TODAY=2026-12-07 so the screens are reproducible.
# Output: docs/screens/<role>-<page>.png and docs/screens/index.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

SRC_BIN="${CARTOGRAPH_BIN:-.build/debug/cartograph}"
PORT="${PORT:-8099}"
BASE="http://127.0.0.1:$PORT"
OUT="docs/screens"

if [[ ! -x "$SRC_BIN" ]]; then
    echo "error: no cartograph binary at $SRC_BIN (set CARTOGRAPH_BIN or build first)" >&2
    exit 1
fi
if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then
    echo "error: something already answers on $BASE; set PORT to a free port" >&2
    exit 1
fi

TMP="$(mktemp -d -t cartograph-screens.XXXXXX)"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

cp "$SRC_BIN" "$TMP/cartograph"
BIN="$TMP/cartograph"

export CARTOGRAPH_TODAY=2026-12-07
echo "Starting $SRC_BIN (copy in $TMP) on $BASE, demo with ${VIRTUAL:-12} virtual patients…"
"$BIN" serve --demo --database "$TMP/demo.sqlite" --port "$PORT" --virtual-patients "${VIRTUAL:-12}" \
    >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

# The demo load runs before the server listens; in a debug build that takes a while.
deadline=$((SECONDS + 360))
until curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "error: the server exited before answering /health:" >&2
        cat "$TMP/server.log" >&2
        exit 1
    fi
    if (( SECONDS > deadline )); then
        echo "error: no answer from $BASE/health after 6 minutes; server log:" >&2
        tail -50 "$TMP/server.log" >&2
        exit 1
    fi
    sleep 2
done
echo "Server up after ${SECONDS}s:"
sed 's/^/  | /' "$TMP/server.log"

python3 "$ROOT/docs/screens/take_screens.py" --base-url "$BASE" --out "$OUT" --max-shots "${MAX_SHOTS:-40}"

if grep -qiE 'error|fatal' "$TMP/server.log"; then
    echo "Server log lines mentioning errors:"
    grep -iE 'error|fatal' "$TMP/server.log" | head -40 | sed 's/^/  | /'
fi
