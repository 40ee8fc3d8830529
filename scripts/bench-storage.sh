#!/usr/bin/env bash
# Storage benchmark (numbers for the issue's closing note; timings never go in unit tests):
#   1. durable save latency: p50/p99 over SAVES saves of a 51-item result (one fsync'd transaction each);
#   2. export throughput for RESULTS results to CSV and XLSX, timed in the same run as the sqlite3 shell
#      dumping the same rows (.mode csv), runs interleaved, medians and the CSV/shell ratio reported;
#   3. file size per 1 000 results;
#   5. decoding rows' JSON columns: storage/record_codec.cpp's hand-written decoder against nlohmann's SAX
#      parser on the same rows, runs interleaved (CODEC_ROWS rows, default 20000).
# Usage: scripts/bench-storage.sh [--results N] [--saves N] [--runs R] [--dir DIR]
# DIR (default build/bench-storage) should be on the disk the kiosk uses: fsync cost is the point of (1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
results=100000 saves=1000 runs=5 dir="$build/bench-storage"
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results="$2"; shift 2 ;;
    --saves) saves="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "bench-storage: unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v sqlite3 >/dev/null || { echo "bench-storage: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }
"$root/scripts/setup.sh" "$build" >/dev/null
admin="$build/kiosk/admin/kiosk-admin"
bench_save="$build/tests/storage/storage_bench_save"
bench_codec="$build/tests/storage/storage_bench_codec"
questionnaire="$root/tests/storage/fixtures/bench-51.json"
mkdir -p "$dir"
# calc EXPR [DECIMALS]: floating-point arithmetic without bc.
calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }
rm -f "$dir"/save.db* "$dir"/big.db* "$dir"/out.* "$dir"/shell.csv

echo "== machine: $(nproc) cores, $(uname -r), $(findmnt -no FSTYPE -T "$dir" 2>/dev/null || echo '?') at $dir; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

echo "== 1. durable save latency ($saves saves of a 51-item result, synchronous=FULL, WAL)"
"$bench_save" "$dir/save.db" "$questionnaire" "$saves"

echo "== 2. generating $results results (kiosk-admin simulate, 1000 per transaction)"
start=$EPOCHREALTIME
"$admin" simulate --db "$dir/big.db" --questionnaire "$questionnaire" --count "$results" --batch 1000 \
  --days 365 --seed 1 >/dev/null
echo "   generated in $(calc "$EPOCHREALTIME - $start") s"
bytes=$(stat -c %s "$dir/big.db")
echo "== 3. file size: $bytes bytes for $results results = $(calc "$bytes * 1000 / $results / 1024") KiB per 1000 results"

# The same rows the export reads, in the same order, as the shell prints them.
shell_sql="SELECT lower(hex(id)), kiosk_id, location_code, questionnaire_id, questionnaire_version,
  questionnaire_sha256, day, language, assisted, age_band, gender, simulated, overall_score, overall_level,
  knowledge, skill, attitude, area_scores, competency_scores, answers FROM results ORDER BY id"
run_csv()   { "$admin" export --db "$dir/big.db" --format csv --out "$dir/out.csv" --include-simulated 2>/dev/null; }
run_xlsx()  { "$admin" export --db "$dir/big.db" --format xlsx --out "$dir/out.xlsx" --include-simulated 2>/dev/null; }
run_shell() { sqlite3 -csv "$dir/big.db" "$shell_sql" > "$dir/shell.csv"; }
timed() { local t0=$EPOCHREALTIME; "$@"; calc "$EPOCHREALTIME - $t0"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "== 4. export of $results results: $runs interleaved runs each, after one warm-up run"
run_csv; run_shell
csv_t=() shell_t=() xlsx_t=()
for ((i = 1; i <= runs; i++)); do
  csv_t+=("$(timed run_csv)")
  shell_t+=("$(timed run_shell)")
  xlsx_t+=("$(timed run_xlsx)")
  echo "   run $i: csv ${csv_t[-1]} s, sqlite3 shell ${shell_t[-1]} s, xlsx ${xlsx_t[-1]} s"
done
csv_m=$(printf '%s\n' "${csv_t[@]}" | median)
shell_m=$(printf '%s\n' "${shell_t[@]}" | median)
xlsx_m=$(printf '%s\n' "${xlsx_t[@]}" | median)
echo "   medians: kiosk-admin csv $csv_m s ($(stat -c %s "$dir/out.csv") bytes), sqlite3 -csv $shell_m s ($(stat -c %s "$dir/shell.csv") bytes), kiosk-admin xlsx $xlsx_m s ($(stat -c %s "$dir/out.xlsx") bytes)"
echo "   ratio csv / sqlite3 shell = $(calc "$csv_m / $shell_m")   (aim: <= 1.5)"
echo "   throughput: csv $(calc "$results / $csv_m" 0) results/s, xlsx $(calc "$results / $xlsx_m" 0) results/s"
rm -f "$dir"/out.* "$dir"/shell.csv

echo "== 5. row decoding: hand-written decoder against nlohmann's SAX parser (same rows, interleaved)"
"$bench_codec" "$questionnaire" "${CODEC_ROWS:-20000}" "$runs"
