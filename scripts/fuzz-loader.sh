#!/usr/bin/env bash
# Coverage-guided fuzzing of the questionnaire loader with libFuzzer (clang, ASan + UBSan).
# Usage: scripts/fuzz-loader.sh [SECONDS]   (default 120). Crashing inputs land in build-fuzz/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-120}"
out="$root/build-fuzz"
mkdir -p "$out/corpus"
cp "$root"/questionnaires/*.json "$root"/tests/fixtures/*.json "$out/corpus/"
clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$root" "$root"/kiosk/core/{text,json_reader,questionnaire}.cpp "$root/tests/fuzz/fuzz_questionnaire.cpp" \
  $(pkg-config --cflags --libs libutf8proc libsodium) -o "$out/fuzz_questionnaire"
cd "$out"
./fuzz_questionnaire -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
  -dict=<(printf '"{"\n"}"\n"["\n"]"\n"\\"format\\""\n"\\"kiosk-questionnaire/1\\""\n"\\"areas\\""\n"\\"competencies\\""\n"\\"items\\""\n"\\"scale\\""\n"\\"options\\""\n"\\"correct\\""\n"\\"excluded\\""\n"\\"levels\\""\n"\\"min\\""\n"\\"dimension\\""\n') \
  corpus
