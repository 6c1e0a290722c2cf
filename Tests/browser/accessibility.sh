#!/usr/bin/env bash
# Accessibility check (axe-core 4.12, WCAG 2.0/2.1 A and AA, through axe-selenium-python) of the patient's and the staff's pages, in
# Debian's Chromium, against a demo server on a temporary database. Installs what it needs: chromium
# and chromium-driver from Debian's packages, selenium and axe-selenium-python (pinned) from PyPI in
# a virtual environment.
#
#   bash Tests/browser/accessibility.sh
#
# Environment (all optional):
#   CARTOGRAPH_BIN   binary to serve (default .build/debug/cartograph)
#   AXE_PORT         port (default 18131)
#   AXE_STAFF        check (default: staff violations fail too) | list (report only) | skip
#   AXE_VENV         where the Python tools are installed
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN_SRC="${CARTOGRAPH_BIN:-.build/debug/cartograph}"
PORT="${AXE_PORT:-18131}"
BASE="http://127.0.0.1:$PORT"
VENV="${AXE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/cartograph-browser/axe-2.1.6}"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver fonts-noto-cjk curl python3-venv >/dev/null
fi
if ! "$VENV/bin/python" -c 'import selenium, axe_selenium_python, importlib.util as u; assert u.find_spec("axe_playwright_python")' 2>/dev/null; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==4.*" "axe-selenium-python==2.1.6"
    # axe-core 4.12.1's script only (the wheel's Playwright dependency is not needed): see axe_check.py.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "axe-playwright-python==0.1.8"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cartograph-axe.XXXXXX")"
SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
if curl -s -o /dev/null "$BASE/health"; then echo "port $PORT already answers; set AXE_PORT" >&2; exit 2; fi
CARTOGRAPH_TODAY=2026-12-07 "$BIN_SRC" serve --demo --virtual-patients 4 --database "$WORK/axe.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
deadline=$((SECONDS + 360))
until curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; echo "server exited" >&2; exit 2; fi
    if (( SECONDS > deadline )); then echo "server not ready in 360 s" >&2; exit 2; fi
    sleep 1
done
"$VENV/bin/python" Tests/browser/axe_check.py --base-url "$BASE" --staff "${AXE_STAFF:-check}"
