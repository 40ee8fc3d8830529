#!/usr/bin/env bash
# Read-aloud latency: for every question of the full form, the time from the tap (SpeechQueue::Say) to the
# first audio sample handed to the sink, p50/p90/p99, side by side with rendering the whole screen before
# playing (the peer the streaming design is compared against). Aim: first sample within 150 ms.
# Not a test: the machine is shared and noisy; read the percentiles.
# Usage: scripts/bench-speech.sh [BUILD_DIR] [LANG…]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
shift || true
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(vi en)
bench="$build/tests/speech/speech_bench"
[ -x "$bench" ] || { echo "bench-speech: build first (cmake --build $build --target speech_bench)" >&2; exit 2; }
for lang in "${langs[@]}"; do
  "$bench" "$root/questionnaires/danang-dcf.json" "$root/assets" "$lang"
done
