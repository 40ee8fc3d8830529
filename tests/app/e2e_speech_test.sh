#!/usr/bin/env bash
# End-to-end read-aloud: the real kiosk binary under Xvfb, its sound device a folder of WAV files (one per
# utterance), automatic reading turned on at Welcome and a citizen tapping through the whole quick form with
# real X events. Every question must have been played to the end: its own WAV file, not silent, of a
# plausible length for its text. Prints the durations of three sample WAVs and the tap-to-first-sample times.
# Exit 77 (skipped) only when xvfb-run or xdotool is missing.
# Usage: e2e_speech_test.sh KIOSK SOURCE_DIR
set -euo pipefail
kiosk="$1"; source="$2"
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${E2E_SPEECH_WORK:-}" ]; then
  for tool in xvfb-run xdotool python3; do
    command -v "$tool" >/dev/null || { echo "e2e-speech: SKIPPED: $tool is not installed"; exit 77; }
  done
  work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-e2e-speech-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  E2E_SPEECH_WORK="$work" xvfb-run -a -s "-screen 0 1366x768x24" bash "$0" "$@"
  exit $?
fi

work="$E2E_SPEECH_WORK"
# shellcheck source=kiosk_driver.sh
source "$here/kiosk_driver.sh"
KIOSK_LOG="$work/kiosk.stderr"
KD_SCREEN_W=1366; KD_SCREEN_H=768
kd_start_speaking_kiosk "$work" "$source/questionnaires/danang-dcf-quick.json" "$kiosk" "$source"
trap 'kill "$KIOSK_PID" 2>/dev/null || true; wait "$KIOSK_PID" 2>/dev/null || true' EXIT
heard=0
next_utterance() { heard=$((heard + 1)); kd_wait_utterance "$work/wav" "$heard"; }

kd_wait_page 'welcome'
kd_target_xy listen >/dev/null || kd_fail "no listen control on Welcome"
kd_tap welcome.auto_read
next_utterance  # Welcome, read as soon as the choice is made
kd_tap welcome.start
kd_wait_page 'consent'
next_utterance
kd_tap consent.agree
kd_wait_page 'question\.0'
questions=()
while [[ "$(kd_last_screen)" =~ page=question\.([0-9]+)\  ]]; do
  next_utterance  # the whole question and its numbered answers, before the citizen answers
  questions+=("$heard")
  kd_answer_and_next 1
done
kd_wait_page 'profile'
next_utterance
echo "e2e-speech: ${#questions[@]} questions, each played; utterances ${questions[*]}"
[ "${#questions[@]}" -ge 5 ] || kd_fail "only ${#questions[@]} questions"

# Each question's WAV: not silent, and as long as its text needs (espeak-ng speaks Vietnamese at roughly
# 2.5-6 syllables a second; the band is wide on purpose, a truncated or runaway reading falls outside it).
python3 - "$work/wav" "$work/q/danang-dcf-quick.json" "${questions[@]}" <<'PY'
import json, math, struct, sys, wave
folder, qfile, numbers = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]]
q = json.load(open(qfile, encoding="utf-8"))
sc = q.get("scales", {})
scales = sc if isinstance(sc, dict) else {s["id"]: s for s in sc}
items = [i for a in q["areas"] for c in a["competencies"] for i in c["items"]]
def text(t):
    return t.get("vi", "") if isinstance(t, dict) else str(t)
failed = False
for k, n in enumerate(numbers):
    path = f"{folder}/utterance-{n:04d}.wav"
    with wave.open(path) as w:
        frames, rate = w.readframes(w.getnframes()), w.getframerate()
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    seconds = len(samples) / rate
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    item = items[k]
    options = item.get("options") or scales.get(item.get("scale"), {}).get("options", [])
    words = len(text(item["text"]).split()) + sum(len(text(o["label"]).split()) + 1 for o in options)
    ok = rms > 300 and words / 6.0 <= seconds <= words / 1.5 + 3
    failed |= not ok
    print(f"e2e-speech: {path.rsplit('/', 1)[1]}: {seconds:.2f} s, {words} words, rms {rms:.0f}{'' if ok else '  <-- implausible'}")
sys.exit(1 if failed else 0)
PY
grep -c '^KIOSK_SPEECH first_sample_ms=' "$KIOSK_LOG" | sed 's/^/e2e-speech: first-sample lines: /'
grep -q 'no sound output' "$work/kiosk.log" && kd_fail "the kiosk logged no sound output"
echo "e2e-speech: OK"
