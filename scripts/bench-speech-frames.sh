#!/usr/bin/env bash
# Read-aloud in the real kiosk: frame times while it speaks against frame times while it does not, in one
# run, and the time from the tap to the first sample handed to the sound device over every question of the
# full form. The kiosk runs under Xvfb with --trace-frames (KIOSK_FRAME ms=… page=…, KIOSK_SPEECH
# first_sample_ms=…) and a WAV-folder sound device, so espeak-ng synthesizes at full speed beside the frame
# thread (harder on the frames than a real device, which takes samples in real time).
#   Citizen 1 taps "Nghe" on every odd question and hears it to the end, and reads the even ones silently:
#   frames of odd pages (speaking) against even pages (quiet), interleaved so machine load drifts alike.
#   Citizen 2 turns on "read every screen aloud": the latency of every question of the full form.
# Not a test: the machine is shared and noisy; compare the rows of the same run.
# Usage: scripts/bench-speech-frames.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
kiosk="$build/kiosk/app/kiosk"
[ -x "$kiosk" ] && [ -x "$build/kiosk/admin/kiosk-admin" ] || { echo "bench-speech-frames: build kiosk and kiosk-admin first" >&2; exit 2; }
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
kd_start_speaking_kiosk "$work" "$root/questionnaires/danang-dcf.json" "$kiosk" "$root"
trap 'kill "$KIOSK_PID" 2>/dev/null || true; wait "$KIOSK_PID" 2>/dev/null || true' EXIT
heard=0
next_utterance() { heard=$((heard + 1)); kd_wait_utterance "$work/wav" "$heard"; }

finish_citizen() {
  kd_wait_page 'profile'
  kd_tap profile.skip
  kd_wait_page 'result'
  kd_tap result.done
  kd_wait_page 'thanks'
  kd_tap thanks.anywhere
  kd_wait_page 'welcome'
}

# Citizen 1: "Nghe" on odd questions.
kd_wait_page 'welcome'
kd_tap welcome.start
kd_wait_page 'consent'
kd_tap consent.agree
kd_wait_page 'question\.0'
while [[ "$(kd_last_screen)" =~ page=question\.([0-9]+)\  ]]; do
  if (( BASH_REMATCH[1] % 2 == 1 )); then
    kd_tap listen
    next_utterance
  else
    sleep 0.5  # about the time a read page stays after its end, so both kinds of page see a similar pace
  fi
  kd_answer_and_next 1
done
finish_citizen
interleaved_end="$(wc -l <"$KIOSK_LOG")"

# Citizen 2: automatic reading, every page heard to the end.
kd_tap welcome.auto_read
next_utterance
kd_tap welcome.start
kd_wait_page 'consent'
next_utterance
kd_tap consent.agree
kd_wait_page 'question\.0'
while [[ "$(kd_last_screen)" =~ page=question\.[0-9]+\  ]]; do
  next_utterance
  kd_answer_and_next 1
done
next_utterance  # the profile page
finish_citizen

python3 - "$KIOSK_LOG" "$interleaved_end" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
split = int(sys.argv[2])
frame = re.compile(r"KIOSK_FRAME ms=([0-9.]+) page=question\.([0-9]+)")
def pct(v, p):
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")
def row(name, v):
    v = sorted(v)
    print(f"{name:<44}{len(v):>6}{pct(v,50):>9.2f}{pct(v,90):>9.2f}{pct(v,99):>9.2f}{v[-1] if v else float('nan'):>9.2f}")
odd, even, auto = [], [], []
for i, l in enumerate(lines):
    m = frame.match(l)
    if not m:
        continue
    ms, q = float(m.group(1)), int(m.group(2))
    if i >= split:
        auto.append(ms)
    elif q % 2:
        odd.append(ms)
    else:
        even.append(ms)
print(f"{'question-page frames (ms)':<44}{'n':>6}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}")
row("citizen 1, even questions (quiet)", even)
row("citizen 1, odd questions (Nghe, read aloud)", odd)
row("citizen 2, automatic reading (every question)", auto)
lat = sorted(float(m.group(1)) for l in lines[split:] if (m := re.match(r"KIOSK_SPEECH first_sample_ms=([0-9.]+)", l)))
print(f"\ncitizen 2: tap (Say) to the first sample handed to the device, {len(lat)} utterances (Welcome, consent, every question, profile):")
print(f"  p50 {pct(lat,50):.1f} ms   p90 {pct(lat,90):.1f} ms   p99 {pct(lat,99):.1f} ms   max {lat[-1] if lat else float('nan'):.1f} ms   (aim: 150 ms)")
PY
