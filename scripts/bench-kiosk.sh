#!/usr/bin/env bash
# Kiosk benchmark under Xvfb at 1920×1080: exec -> first frame, peak memory (RSS high-water mark, and PSS
# for comparison with multi-process browsers), CPU while idle on the welcome screen for 30 s, and frame
# times (p50/p99) while tapping through the questions. Prints each run and the median over the runs.
# Usage: scripts/bench-kiosk.sh [RUNS (default 5)] [BUILD_DIR]
# Needs: a built kiosk (scripts/setup.sh), xvfb-run, xdotool. Questionnaires: questionnaires/ (the quick
# one is preselected), else tests/fixtures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
build="${2:-$root/build}"
kiosk="$build/kiosk/app/kiosk"
idle_seconds="${BENCH_IDLE_SECONDS:-30}"
[ -x "$kiosk" ] || { echo "bench: build the kiosk first (scripts/setup.sh)" >&2; exit 1; }
if [ -z "${KIOSK_IN_XVFB:-}" ]; then
  exec env KIOSK_IN_XVFB=1 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
# shellcheck source=../tests/app/kiosk_driver.sh
source "$root/tests/app/kiosk_driver.sh"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench-XXXXXX")"
trap 'kill "${KIOSK_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
qdir="$root/questionnaires"
[ -f "$qdir/danang-dcf-quick.json" ] || qdir="$root/tests/fixtures"
ticks="$(getconf CLK_TCK)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Percentile $1 (0–100) of the numbers on stdin (nearest rank).
percentile() { sort -g | awk -v p="$1" '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} i=int((p/100)*NR+0.999999); if (i<1) i=1; if (i>NR) i=NR; print v[i]}'; }
median() { percentile 50; }

printf '%-4s %14s %12s %12s %12s %12s %12s\n' run "first_frame_ms" "peak_rss_MiB" "pss_MiB" "idle_cpu_%" "frame_p50_ms" "frame_p99_ms"
: >"$work/all"
for run in $(seq 1 "$runs"); do
  dir="$work/run$run"
  mkdir -p "$dir"
  kd_set_pin "$dir/staff-pin" 246810 "$build/kiosk/admin/kiosk-admin"
  printf '{"log_file": "%s", "staff_pin_file": "%s"}\n' "$dir/kiosk.log" "$dir/staff-pin" >"$dir/kiosk.json"
  KIOSK_LOG="$dir/stderr"
  start_ms="$(date +%s%N | awk '{printf "%.3f", $1 / 1e6}')"
  "$kiosk" --config "$dir/kiosk.json" --questionnaires "$qdir" --db "$dir/kiosk.db" \
    --trace-startup --trace-frames --trace-screens 2>"$KIOSK_LOG" &
  KIOSK_PID=$!
  kd_wait_page welcome
  first_ms="$(sed -n 's/^KIOSK_FIRST_FRAME epoch_ms=//p' "$KIOSK_LOG" | head -n 1)"
  startup="$(awk -v a="$first_ms" -v b="$start_ms" 'BEGIN {printf "%.1f", a - b}')"

  # Idle on the welcome screen: the pointer is parked, nothing happens for the whole window.
  sleep 2
  c0="$(cpu_ticks "$KIOSK_PID")"
  sleep "$idle_seconds"
  c1="$(cpu_ticks "$KIOSK_PID")"
  idle="$(awk -v d="$((c1 - c0))" -v t="$ticks" -v s="$idle_seconds" 'BEGIN {printf "%.2f", 100 * d / t / s}')"

  # Tap through the questions; frame times are those drawn on question pages.
  frames_before="$(grep -c '^KIOSK_FRAME' "$KIOSK_LOG" || true)"
  kd_tap welcome.start; kd_wait_page consent
  kd_tap consent.agree; kd_wait_page 'question\.0'
  kd_answer_all 2 >/dev/null
  kd_wait_page profile
  tail -n +"$((frames_before + 1))" "$KIOSK_LOG" | sed -n 's/^KIOSK_FRAME ms=\([0-9.]*\) page=question.*/\1/p' >"$dir/frames"
  p50="$(percentile 50 <"$dir/frames")"
  p99="$(percentile 99 <"$dir/frames")"
  rss="$(awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$KIOSK_PID/status")"
  pss="$(awk '/^Pss:/ {printf "%.1f", $2 / 1024}' "/proc/$KIOSK_PID/smaps_rollup" 2>/dev/null || echo nan)"
  kill "$KIOSK_PID"; wait "$KIOSK_PID" 2>/dev/null || true
  printf '%-4s %14s %12s %12s %12s %12s %12s\n' "$run" "$startup" "$rss" "$pss" "$idle" "$p50" "$p99"
  echo "$startup $rss $pss $idle $p50 $p99 $(wc -l <"$dir/frames")" >>"$work/all"
done
col() { awk -v c="$1" '{print $c}' "$work/all" | median; }
printf '%-4s %14s %12s %12s %12s %12s %12s\n' median "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" "$(col 6)"
echo "bench: $runs runs, ${idle_seconds} s idle each, $(awk '{print $7}' "$work/all" | median) question frames per run (median); kiosk $kiosk"
