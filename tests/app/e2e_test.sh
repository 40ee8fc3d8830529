#!/usr/bin/env bash
# End-to-end test of the real kiosk binary under Xvfb, with the largest text, once on a landscape screen
# (1366×768) and once on a portrait one (1080×1920) (see e2e_inner.sh); each run stores exactly one result.
# Screenshots of the main screens are kept in ARTIFACT_DIR/<size>/ for CI. Exit 77 (skipped) only when xvfb-run or xdotool is missing.
# Usage: e2e_test.sh KIOSK SOURCE_DIR ARTIFACT_DIR
set -euo pipefail
kiosk="$1"; source="$2"; artifacts="$3"
for tool in xvfb-run xdotool sqlite3; do
  if ! command -v "$tool" >/dev/null; then
    echo "e2e: SKIPPED: $tool is not installed (scripts/setup.sh installs it)"
    exit 77
  fi
done
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-e2e-XXXXXX")"
trap 'rm -rf "$work"' EXIT
qdir="$source/questionnaires"
if [ ! -f "$qdir/danang-dcf-quick.json" ]; then qdir="$source/tests/fixtures"; fi
# A staff PIN set beforehand with kiosk-admin, as on an installed kiosk (else the kiosk asks for one first).
printf '%s\n%s\n' 246810 246810 | "$(dirname "$kiosk")/../admin/kiosk-admin" set-pin --pin-file "$work/staff-pin" >/dev/null
cat >"$work/kiosk.json" <<JSON
{"kiosk_id": "e2e", "location_code": "test", "location_name": "Phường Hải Châu",
 "log_file": "$work/kiosk.log", "assets_dir": "$source/assets", "staff_pin_file": "$work/staff-pin"}
JSON
status=0
for size in 1366x768 1080x1920; do
  run="$work/$size"
  mkdir -p "$run"
  sed "s#$work/kiosk.log#$run/kiosk.log#" "$work/kiosk.json" >"$run/kiosk.json"
  cp "$work/staff-pin" "$run/staff-pin"
  staff=0; [ "$size" = 1366x768 ] && staff=1
  xvfb-run -a -s "-screen 0 ${size}x24" bash "$(dirname "$0")/e2e_inner.sh" "$kiosk" "$qdir" "$run" "${size%x*}" "${size#*x}" "$staff" || status=$?
  mkdir -p "$artifacts/$size"
  cp "$run"/screenshots/*.png "$artifacts/$size"/ 2>/dev/null || true
  [ "$status" = 0 ] || break
done
exit "$status"
