#!/usr/bin/env bash
# Runs inside xvfb-run: starts the real kiosk full screen, taps a citizen through it with real X events
# (xdotool), finding each button from the kiosk's --trace-screens lines, and checks the database.
# Usage: e2e_inner.sh KIOSK QUESTIONNAIRES_DIR WORK_DIR
set -euo pipefail
kiosk="$1"; qdir="$2"; work="$3"
log="$work/kiosk.stderr"

fail() { echo "e2e: FAIL: $*" >&2; echo "--- kiosk stderr (tail) ---" >&2; tail -n 20 "$log" >&2 || true; exit 1; }

"$kiosk" --config "$work/kiosk.json" --questionnaires "$qdir" --db "$work/kiosk.db" \
  --trace-screens --trace-startup --screenshot-on-stage "$work/screenshots" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

last_screen() { grep '^KIOSK_SCREEN' "$log" | tail -n 1 || true; }

# Waits until the kiosk shows a page whose key matches the extended regex $1 (and, optionally, whose
# target list contains the fixed string $2).
wait_page() {
  local line=""
  for _ in $(seq 1 300); do
    line="$(last_screen)"
    if [[ "$line" =~ page=($1)\  ]] && [[ -z "${2:-}" || "$line" == *"$2"* ]]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || fail "the kiosk exited"
    sleep 0.05
  done
  fail "timed out waiting for page '$1' ${2:+with '$2'} (last: $line)"
}

# Prints "X Y" of a tap target on the current screen.
target_xy() {
  local line items item id xy
  line="$(last_screen)"
  IFS=';' read -ra items <<<"${line#*targets=}"
  for item in "${items[@]}"; do
    id="${item%@*}"; xy="${item#*@}"; xy="${xy%\*}"
    if [ "$id" = "$1" ]; then echo "${xy/,/ }"; return 0; fi
  done
  return 1
}

tap() {
  local xy
  xy="$(target_xy "$1")" || fail "no target '$1' on: $(last_screen)"
  # shellcheck disable=SC2086
  xdotool mousemove $xy click 1
}

wait_page 'welcome'
grep -q '^KIOSK_FIRST_FRAME epoch_ms=[0-9.]*$' "$log" || fail "no KIOSK_FIRST_FRAME line"

# Keys that would close an ordinary application are ignored in kiosk mode.
xdotool key Escape key alt+F4 key ctrl+q
sleep 0.3
kill -0 "$pid" 2>/dev/null || fail "the kiosk closed on Escape/Alt+F4"

tap welcome.start
wait_page 'consent'
tap consent.agree
wait_page 'question\.0'
questions=0
while :; do
  line="$(last_screen)"
  [[ "$line" =~ page=question\.([0-9]+)\  ]] || break
  i="${BASH_REMATCH[1]}"
  tap option.1
  wait_page "question\.$i" 'option.1@' && wait_page "question\.$i" '*;'
  tap question.next
  wait_page "question\.$((i + 1))|profile"
  questions=$((questions + 1))
done
echo "e2e: answered $questions questions"
wait_page 'profile'
tap profile.age.2
wait_page 'profile' 'profile.age.2@'
sleep 0.2
tap profile.submit
wait_page 'result'
sleep 0.5  # let the screenshot of the settled result screen be written

command -v sqlite3 >/dev/null || fail "sqlite3 is needed to check the database"
rows="$(sqlite3 "$work/kiosk.db" 'SELECT count(*) || "|" || max(age_band) || "|" || max(language) FROM results')"
[ "$rows" = "1|45-59|vi" ] || fail "expected one stored result (45-59, vi), found '$rows'"

tap result.done
wait_page 'thanks'
tap thanks.anywhere
wait_page 'welcome'
rows="$(sqlite3 "$work/kiosk.db" 'SELECT count(*) FROM results')"
[ "$rows" = "1" ] || fail "expected still one stored result, found $rows"

for shot in welcome consent question profile result; do
  [ -s "$work/screenshots/$shot.png" ] || fail "no screenshot $shot.png"
done
echo "e2e: OK ($questions questions, result stored, screenshots in $work/screenshots)"
