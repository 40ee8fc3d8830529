#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${1:-}" = "--sanitize" ]; then
  build="$root/build-asan"
  "$root/scripts/setup.sh" "$build" -DKIOSK_SANITIZE=ON
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  # Long crash/soak tests and the X11 end-to-end test are labelled "slow"; the sanitizer pass is for
  # memory and UB errors in the unit tests.
  ctest --test-dir "$build" --output-on-failure -j 2 -LE slow
else
  build="$root/build"
  "$root/scripts/setup.sh" "$build"
  ctest --test-dir "$build" --output-on-failure -j 2
fi
