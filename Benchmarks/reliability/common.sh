# Shared by the reliability scripts (sourced, not run).

# The binary: CARTOGRAPH_BIN, else a release build, else a debug build (run from the repository root).
REL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$REL_DIR/../.." && pwd)"
if [[ -z "${CARTOGRAPH_BIN:-}" ]]; then
    if [[ -x "$REPO_ROOT/.build/release/cartograph" ]]; then
        CARTOGRAPH_BIN="$REPO_ROOT/.build/release/cartograph"
    else
        CARTOGRAPH_BIN="$REPO_ROOT/.build/debug/cartograph"
    fi
fi
if [[ ! -x "$CARTOGRAPH_BIN" ]]; then
    echo "no cartograph binary at $CARTOGRAPH_BIN (set CARTOGRAPH_BIN)" >&2
    exit 2
fi
export CARTOGRAPH_BIN
# A fixed "today" makes the demo program and every date rule reproducible.
export CARTOGRAPH_TODAY="${CARTOGRAPH_TODAY:-2026-12-07}"
PYTHON="${PYTHON:-python3}"

# Kill the servers whose pids the driver wrote to $1, checking each pid still runs our binary.
kill_recorded_servers() {
    local pidfile="$1" pid
    [[ -f "$pidfile" ]] || return 0
    while read -r pid; do
        [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || continue
        if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "serve --port"; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    done < "$pidfile"
}

# The same PostgreSQL URL naming database $2 instead.
# $1 = postgres://user:password@host:port/db[?params]; the account needs CREATEDB.
pg_url_with_db() {
    "$PYTHON" - "$1" "$2" <<'PY'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1]); name = sys.argv[2]
print(urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment)))
PY
}

# Run one SQL statement through psql on the maintenance database of a URL.
pg_admin() {
    local url="$1" sql="$2"
    command -v psql >/dev/null || { echo "psql is needed for --postgres (apt-get install postgresql-client)" >&2; return 2; }
    # psql takes the URL itself; sslmode and other query parameters pass through.
    psql "$url" -v ON_ERROR_STOP=1 -q -c "$sql"
}
