#!/usr/bin/env bash
# Median wall time of kiosk-admin export-sheet / import-sheet on the shipped questionnaire (whole process:
# start, read, convert, validate, write). Not a test: the machine is shared and noisy; read the medians.
# Usage: scripts/bench-sheets.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
runs="${2:-21}"
admin="$build/kiosk/admin/kiosk-admin"
questionnaire="$root/questionnaires/danang-dcf.json"
[ -x "$admin" ] || { echo "bench-sheets: build first ($admin is missing)" >&2; exit 2; }
[ -f "$questionnaire" ] || { echo "bench-sheets: $questionnaire is missing" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

elapsed_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "bench-sheets: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

bench() {
  local name="$1"
  shift
  local median
  median=$(for _ in $(seq "$runs"); do elapsed_ms "$@"; done | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  printf '%-40s median %4s ms (%s runs)\n' "$name" "$median" "$runs"
}

bench "export-sheet danang-dcf -> xlsx" "$admin" export-sheet "$questionnaire" --out "$tmp/q.xlsx"
bench "export-sheet danang-dcf -> csv+meta" "$admin" export-sheet "$questionnaire" --out "$tmp/q.csv"
bench "import-sheet xlsx (61 items)" "$admin" import-sheet "$tmp/q.xlsx" --out "$tmp/from-xlsx.json"
bench "import-sheet csv+meta (61 items)" "$admin" import-sheet "$tmp/q.csv" --out "$tmp/from-csv.json"
bench "import-sheet ods (fixture, 6 items)" "$admin" import-sheet "$root/tests/fixtures/sheets/minimal.ods" \
  --out "$tmp/from-ods.json"
bench "validate danang-dcf (for comparison)" "$admin" validate "$questionnaire"
