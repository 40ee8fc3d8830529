#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
# KIOSK_WERROR=ON makes every warning an error (CI sets it); KIOSK_BUILD_TYPE picks the normal build's type
# (default RelWithDebInfo; CI uses Release, the build users and the package make).
set -euo pipefail
werror=(-DKIOSK_WERROR="${KIOSK_WERROR:-OFF}")
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${1:-}" = "--sanitize" ]; then
  build="$root/build-asan"
  "$root/scripts/setup.sh" "$build" -DKIOSK_SANITIZE=ON "${werror[@]}"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
  # Long crash/soak tests and the X11 end-to-end test are labelled "slow"; the sanitizer pass is for
  # memory and UB errors in the unit tests.
  ctest --test-dir "$build" --output-on-failure -j 2 -LE slow
else
  build="$root/build"
  "$root/scripts/setup.sh" "$build" -DCMAKE_BUILD_TYPE="${KIOSK_BUILD_TYPE:-RelWithDebInfo}" "${werror[@]}"
  ctest --test-dir "$build" --output-on-failure -j 2
fi
