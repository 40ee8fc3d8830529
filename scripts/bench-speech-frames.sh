#!/usr/bin/env bash
# Read-aloud in the real kiosk: frame times while it speaks against frame times while it does not, in one
# run, and the time from the tap to the first sample handed to the sound device over every question of the
# full form. The kiosk runs under Xvfb with --trace-frames (KIOSK_FRAME ms=…, KIOSK_SPEECH first_sample_ms=…)
# and a WAV-folder sound device, so espeak-ng synthesizes at full speed beside the frame thread (harder on
# the frames than a real device, which is fed in real time). Citizen 1 taps through the full form without
# speech; citizen 2 turns on "read every screen aloud" and hears each question to the end before answering.
# Not a test: the machine is shared and noisy; compare the two rows of the same run.
# Usage: scripts/bench-speech-frames.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
kiosk="$build/kiosk/app/kiosk"
admin="$build/kiosk/admin/kiosk-admin"
[ -x "$kiosk" ] && [ -x "$admin" ] || { echo "bench-speech-frames: build kiosk and kiosk-admin first" >&2; exit 2; }
for tool in xvfb-run xdotool python3; do
  command -v "$tool" >/dev/null || { echo "bench-speech-frames: $tool is not installed" >&2; exit 2; }
done
if [ -z "${BENCH_WORK:-}" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench-speech-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  BENCH_WORK="$work" xvfb-run -a -s "-screen 0 1366x768x24" bash "$0" "$@"
  exit $?
fi
work="$BENCH_WORK"
# shellcheck source=../tests/app/kiosk_driver.sh
source "$root/tests/app/kiosk_driver.sh"
KIOSK_LOG="$work/kiosk.stderr"
mkdir -p "$work/wav" "$work/q"
cp "$root/questionnaires/danang-dcf.json" "$work/q/"
kd_set_pin "$work/staff-pin" 246810 "$admin"
cat >"$work/kiosk.json" <<JSON
{"kiosk_id": "bench", "location_code": "bench", "log_file": "$work/kiosk.log", "assets_dir": "$root/assets",
 "staff_pin_file": "$work/staff-pin", "audio_device": "wav:$work/wav", "volume_file": "$work/volume"}
JSON
"$kiosk" --config "$work/kiosk.json" --questionnaires "$work/q" --db "$work/kiosk.db" \
  --trace-screens --trace-frames 2>"$KIOSK_LOG" &
KIOSK_PID=$!
trap 'kill "$KIOSK_PID" 2>/dev/null || true; wait "$KIOSK_PID" 2>/dev/null || true' EXIT

files() { find "$work/wav" -name 'utterance-*.wav' ! -name '*-stopped.wav' | wc -l; }
wait_files() {
  for _ in $(seq 1 1200); do [ "$(files)" -ge "$1" ] && return 0; sleep 0.05; done
  kd_fail "utterance $1 never ended"
}
citizen() {  # $1 = 1: automatic reading on
  kd_wait_page 'welcome'
  local n
  if [ "$1" = 1 ]; then
    kd_tap welcome.auto_read
    n=$(( $(files) + 1 )); wait_files "$n"
  fi
  kd_tap welcome.start
  kd_wait_page 'consent'
  [ "$1" = 1 ] && { n=$((n + 1)); wait_files "$n"; }
  kd_tap consent.agree
  kd_wait_page 'question\.0'
  while [[ "$(kd_last_screen)" =~ page=question\.[0-9]+\  ]]; do
    [ "$1" = 1 ] && { n=$((n + 1)); wait_files "$n"; }
    kd_answer_and_next 1
  done
  kd_wait_page 'profile'
  kd_tap profile.skip
  kd_wait_page 'result'
  kd_tap result.done
  kd_wait_page 'thanks'
  kd_tap thanks.anywhere
}
citizen 0
quiet_end="$(wc -l <"$KIOSK_LOG")"
citizen 1
kd_wait_page 'welcome'
python3 - "$KIOSK_LOG" "$quiet_end" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
split = int(sys.argv[2])
def frames(part):
    return sorted(float(m.group(1)) for l in part if (m := re.match(r"KIOSK_FRAME ms=([0-9.]+)", l)))
def pct(v, p):
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")
print(f"{'frames (ms)':<34}{'n':>6}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}")
for name, part in (("without speech (citizen 1)", lines[:split]), ("reading aloud (citizen 2)", lines[split:])):
    v = frames(part)
    print(f"{name:<34}{len(v):>6}{pct(v,50):>9.2f}{pct(v,90):>9.2f}{pct(v,99):>9.2f}{v[-1] if v else float('nan'):>9.2f}")
lat = sorted(float(m.group(1)) for l in lines if (m := re.match(r"KIOSK_SPEECH first_sample_ms=([0-9.]+)", l)))
print(f"\ntap (Say) to first sample handed to the device, {len(lat)} utterances (Welcome, consent, every question):")
print(f"  p50 {pct(lat,50):.1f} ms   p90 {pct(lat,90):.1f} ms   p99 {pct(lat,99):.1f} ms   max {lat[-1] if lat else float('nan'):.1f} ms   (aim: 150 ms)")
PY
