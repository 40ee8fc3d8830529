#!/usr/bin/env bash
# Long kill -9 run of the storage crash test (the test suite runs 220 kills): `kiosk-admin simulate` saves
# results and is SIGKILLed at random moments KILLS times (default 2000); after every kill the database must
# pass integrity_check, hold no partial result and contain every id the child reported as committed.
# Usage: scripts/crash-storage.sh [KILLS]     (TMPDIR chooses where the database lives)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
kills="${1:-2000}"
case "$kills" in ''|*[!0-9]*) echo "usage: scripts/crash-storage.sh [KILLS]" >&2; exit 2 ;; esac
"$root/scripts/setup.sh" "$build" >/dev/null
echo "crash-storage: $kills kills, database under ${TMPDIR:-/tmp}"
KIOSK_CRASH_KILLS="$kills" "$build/tests/storage/storage_crash_tests"
