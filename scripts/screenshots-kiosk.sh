#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png, half size) by running the real kiosk under
# Xvfb at 1920×1080 and tapping through it with xdotool: every main screen, high contrast, the idle
# warning and the out-of-service screen; then staff mode: setting the first PIN, the PIN pad, the staff
# menu and its pages.
# Then the size matrix with the largest text: landscape (1366×768), portrait (1080×1920) and small
# (1024×600) — Welcome, the quick form's question 2, the result — as docs/screenshots/<page>-large-<size>.png.
# Usage: scripts/screenshots-kiosk.sh [BUILD_DIR]   (build first: scripts/setup.sh)
#        scripts/screenshots-kiosk.sh --sizes-only [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes_only=""
if [ "${1:-}" = --sizes-only ]; then sizes_only=1; shift; fi
build="${1:-$root/build}"
kiosk="$build/kiosk/app/kiosk"
[ -x "$kiosk" ] || { echo "screenshots: build the kiosk first (scripts/setup.sh)" >&2; exit 1; }
if [ -z "${KIOSK_IN_XVFB:-}" ]; then
  if [ -z "$sizes_only" ]; then
    env KIOSK_IN_XVFB=main xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$build"
  fi
  for size in 1366x768 1080x1920 1024x600; do
    env KIOSK_IN_XVFB="$size" xvfb-run -a -s "-screen 0 ${size}x24" bash "$0" "$build"
  done
  exit 0
fi
# shellcheck source=../tests/app/kiosk_driver.sh
source "$root/tests/app/kiosk_driver.sh"
out="$root/docs/screenshots"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-shots-XXXXXX")"
trap 'kill "${KIOSK_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$out"
qdir="$root/questionnaires"

# start_kiosk NAME QUESTIONNAIRES_DIR [CONFIG_JSON_EXTRA]
start_kiosk() {
  local run="$work/$1"
  mkdir -p "$run/shots"
  [ -n "${NO_PIN:-}" ] || kd_set_pin "$run/staff-pin" 246810 "$build/kiosk/admin/kiosk-admin"
  printf '{"kiosk_id": "docs", "location_code": "20194", "location_name": "Phường Hải Châu", "log_file": "%s", "staff_pin_file": "%s"%s}\n' \
    "$run/kiosk.log" "$run/staff-pin" "${3:-}" >"$run/kiosk.json"
  KIOSK_LOG="$run/stderr"
  SHOTS="$run/shots"
  "$kiosk" --config "$run/kiosk.json" --questionnaires "$2" --db "$run/kiosk.db" --trace-screens \
    --screenshot-on-change "$SHOTS" 2>"$KIOSK_LOG" &
  KIOSK_PID=$!
}
stop_kiosk() { kill "$KIOSK_PID" 2>/dev/null || true; wait "$KIOSK_PID" 2>/dev/null || true; }
# The picture of what is on screen now (written just before its KIOSK_SCREEN line).
snap() {
  sleep 0.3
  cp "$(ls -1 "$SHOTS"/*.png | sort | tail -n 1)" "$out/$1.png"
  echo "screenshots: $1.png"
}

if [ "$KIOSK_IN_XVFB" != main ]; then
  size="$KIOSK_IN_XVFB"
  start_kiosk "large-$size" "$qdir"
  kd_wait_page welcome
  kd_tap welcome.text_size.2; sleep 0.5; kd_wait_page welcome; snap "welcome-large-$size"
  # The quick form (the first card when there are several).
  if kd_target_xy welcome.questionnaire.0 >/dev/null; then kd_tap welcome.questionnaire.0; sleep 0.3; fi
  kd_tap welcome.start; kd_wait_page consent; sleep 0.3; snap "consent-large-$size"
  kd_tap consent.agree; kd_wait_page 'question\.0'
  kd_answer_and_next 1
  kd_wait_page 'question\.1'; sleep 0.3; snap "question2-large-$size"
  n=1
  while [[ "$(kd_last_screen)" =~ page=question\.[0-9]+\  ]]; do kd_answer_and_next $(( n % 3 + 1 )); n=$((n + 1)); done
  kd_wait_page profile; sleep 0.3; snap "profile-large-$size"
  kd_tap profile.submit; kd_wait_page result; sleep 0.3; snap "result-large-$size"
  stop_kiosk
  exit 0
fi

start_kiosk calm "$qdir"
kd_wait_page welcome; snap welcome
kd_tap welcome.start; kd_wait_page consent; snap consent
kd_tap consent.agree; kd_wait_page 'question\.0'
kd_tap option.2; kd_wait_page 'question\.0' 'option.2@'; kd_wait_page 'question\.0' '*;'; snap question
kd_tap question.leave; kd_wait_page confirm_leave; snap confirm-leave
kd_tap leave.cancel; kd_wait_page 'question\.0'
kd_tap question.next; kd_wait_page 'question\.1'
n=0
while [[ "$(kd_last_screen)" =~ page=question\.[0-9]+\  ]]; do kd_answer_and_next $(( n % 3 + 1 )); n=$((n + 1)); done
kd_wait_page profile
kd_tap profile.age.3; kd_wait_page profile 'profile.age.3@'
kd_tap profile.gender.0; kd_wait_page profile 'profile.gender.0@'; snap profile
kd_tap profile.submit; kd_wait_page result; snap result
kd_tap result.details; kd_wait_page result 'result.details@'; snap result-details
kd_tap result.done; kd_wait_page thanks; snap thanks
# Staff mode on the same kiosk (one stored result: the dashboard shows "<5" for every group).
kd_tap thanks.anywhere; kd_wait_page welcome
kd_staff_gesture
kd_tap pin.2; sleep 0.15; kd_tap pin.4; sleep 0.15; kd_tap pin.6; kd_wait_page staff_pin 'pin.erase@'; sleep 0.8; snap staff-pin
kd_tap pin.8; sleep 0.15; kd_tap pin.1; sleep 0.15; kd_tap pin.0; sleep 0.15; kd_tap pin.ok
kd_wait_page staff_menu; snap staff-menu
kd_tap staff.dashboard; kd_wait_page staff_dashboard; snap staff-dashboard
kd_tap staff.back; kd_wait_page staff_menu
kd_tap staff.export; kd_wait_page staff_export; snap staff-export
kd_tap staff.back; kd_wait_page staff_menu
kd_tap staff.questionnaires; kd_wait_page staff_questionnaires; snap staff-questionnaires
kd_tap staff.back; kd_wait_page staff_menu
kd_tap staff.health; kd_wait_page staff_health; snap staff-health
kd_tap staff.back; kd_wait_page staff_menu
kd_tap staff.exit; kd_wait_page staff_confirm_exit; snap staff-exit
stop_kiosk

NO_PIN=1 start_kiosk setpin "$qdir"
kd_wait_page staff_set_pin; snap staff-set-pin
stop_kiosk

start_kiosk contrast "$qdir"
kd_wait_page welcome
kd_tap welcome.contrast; kd_wait_page welcome 'welcome.contrast@'
kd_tap welcome.text_size.1; kd_wait_page welcome 'welcome.text_size.1@'
kd_tap welcome.language.1; kd_wait_page welcome 'welcome.language.1@'; snap welcome-high-contrast
kd_tap welcome.start; kd_wait_page consent
kd_tap consent.agree; kd_wait_page 'question\.0'
kd_tap option.1; kd_wait_page 'question\.0' 'option.1@'; kd_wait_page 'question\.0' '*;'; snap question-high-contrast
stop_kiosk

start_kiosk idle "$qdir" ', "idle_timeout_s": 5'
kd_wait_page welcome
kd_tap welcome.start; kd_wait_page consent
kd_tap consent.agree; kd_wait_page 'question\.0'
kd_tap option.1
kd_wait_page idle; snap idle
stop_kiosk

mkdir -p "$work/empty"
start_kiosk broken "$work/empty"
kd_wait_page out_of_service; snap out-of-service
stop_kiosk
echo "screenshots: written to $out"
