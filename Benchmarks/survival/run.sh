#!/usr/bin/env bash
# Benchmark: `cartograph stats` (release) vs R survival (Rscript) vs Python lifelines on the same CSVs.
#
#   Benchmarks/survival/run.sh                  # sizes 1e4 1e5 1e6, 3 runs each
#   RUNS=5 SIZES="10000" Benchmarks/survival/run.sh
#
# Needs: swift, Rscript with survival (Debian r-base-core r-cran-survival), python3 with
# lifelines (pip install lifelines; skipped if missing), GNU time (/usr/bin/time, Debian `time`).
# Reports the median wall time of RUNS runs and the peak RSS (max over runs) of whole commands.
# "km+logrank" is one command per tool: `cartograph stats km --group group --logrank` (the KM
# contract plus the log-rank test from the same reading of the file), R's survfit + survdiff, and
# lifelines' KaplanMeierFitter per group + multivariate_logrank_test.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10000 100000 1000000"}
WORK=${WORK:-/tmp/stats-bench}
mkdir -p "$WORK"

if [ -z "${BIN:-}" ]; then   # BIN=path/to/cartograph skips the (long) release build
  flock /tmp/cartograph-build.lock swift build -c release --product cartograph >/dev/null
  BIN="$(flock /tmp/cartograph-build.lock swift build -c release --show-bin-path)/cartograph"
fi
HAVE_LIFELINES=1
python3 -c "import lifelines" 2>/dev/null || HAVE_LIFELINES=0

# measure OUTFILE CMD... : appends "seconds maxrss_kb" of one run to OUTFILE
measure() {
  local out=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; t = s }
              /Maximum resident set size/ { m = $2 }
              END { print t, m }' "$WORK/time.txt" >> "$out"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
summary() { # FILE → "median_s peak_MiB"
  printf "%s %s" "$(cut -d' ' -f1 "$1" | median)" "$(cut -d' ' -f2 "$1" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"
}

printf "%-9s %-12s %-10s %10s %10s\n" rows task tool median_s peak_MiB
for n in $SIZES; do
  csv="$WORK/surv-$n.csv"
  [ -f "$csv" ] || python3 Benchmarks/survival/generate.py "$n" "$csv"
  rm -f "$WORK"/r-*.txt
  for _ in $(seq "$RUNS"); do
    measure "$WORK/r-swift-km.txt" "$BIN" stats km --input "$csv" --time time --event event --group group --logrank
    measure "$WORK/r-swift-cox.txt" "$BIN" stats cox --input "$csv" --time time --event event --covariates x1,x2,x3,x4,x5
    measure "$WORK/r-R-km.txt" Rscript Benchmarks/survival/km_logrank.R "$csv"
    measure "$WORK/r-R-cox.txt" Rscript Benchmarks/survival/cox.R "$csv"
    if [ "$HAVE_LIFELINES" = 1 ]; then
      measure "$WORK/r-py-km.txt" python3 Benchmarks/survival/lifelines_bench.py km "$csv"
      measure "$WORK/r-py-cox.txt" python3 Benchmarks/survival/lifelines_bench.py cox "$csv"
    fi
  done
  for task in km cox; do
    label=$([ $task = km ] && echo km+logrank || echo cox-5cov)
    for tool in swift R py; do
      f="$WORK/r-$tool-$task.txt"
      [ -f "$f" ] || continue
      name=$(case $tool in swift) echo cartograph;; R) echo R-survival;; py) echo lifelines;; esac)
      read -r s m <<<"$(summary "$f")"
      printf "%-9s %-12s %-10s %10s %10s\n" "$n" "$label" "$name" "$s" "$m"
    done
  done
done
