# Shell helpers that drive a running kiosk with real X events (sourced by the end-to-end test, the
# documentation screenshots and the benchmark). The kiosk must run with --trace-screens, its stderr going
# to $KIOSK_LOG; KIOSK_PID is its process id. Buttons are found by their stable ids in KIOSK_SCREEN lines.

kd_fail() {
  echo "kiosk driver: FAIL: $*" >&2
  echo "--- kiosk stderr (tail) ---" >&2
  tail -n 20 "$KIOSK_LOG" >&2 || true
  exit 1
}

kd_last_screen() { grep '^KIOSK_SCREEN' "$KIOSK_LOG" 2>/dev/null | tail -n 1 || true; }

# Waits until the kiosk shows a page whose key matches the extended regex $1 (and, optionally, whose
# description contains the fixed string $2).
kd_wait_page() {
  local line=""
  for _ in $(seq 1 400); do
    line="$(kd_last_screen)"
    if [[ "$line" =~ page=($1)\  ]] && [[ -z "${2:-}" || "$line" == *"$2"* ]]; then return 0; fi
    kill -0 "$KIOSK_PID" 2>/dev/null || kd_fail "the kiosk exited"
    sleep 0.05
  done
  kd_fail "timed out waiting for page '$1' ${2:+with '$2'} (last: $line)"
}

# Prints "X Y" of a tap target on the current screen.
kd_target_xy() {
  local line items item id xy
  line="$(kd_last_screen)"
  IFS=';' read -ra items <<<"${line#*targets=}"
  for item in "${items[@]}"; do
    id="${item%@*}"; xy="${item#*@}"; xy="${xy%\*}"
    if [ "$id" = "$1" ]; then echo "${xy/,/ }"; return 0; fi
  done
  return 1
}

kd_tap() {
  local xy
  xy="$(kd_target_xy "$1")" || kd_fail "no target '$1' on: $(kd_last_screen)"
  # shellcheck disable=SC2086
  xdotool mousemove $xy click 1
}

# Taps answer $1 on the current question, waits until it shows as chosen, then taps Next.
kd_answer_and_next() {
  local line i
  line="$(kd_last_screen)"
  [[ "$line" =~ page=question\.([0-9]+)\  ]] || kd_fail "not on a question: $line"
  i="${BASH_REMATCH[1]}"
  kd_tap "option.$1"
  kd_wait_page "question\.$i" "option.$1@" 
  kd_wait_page "question\.$i" "*;"
  kd_tap question.next
  kd_wait_page "question\.$((i + 1))|profile"
}

# Answers every remaining question with answer $1; prints how many.
kd_answer_all() {
  local n=0
  while [[ "$(kd_last_screen)" =~ page=question\.[0-9]+\  ]]; do
    kd_answer_and_next "$1"
    n=$((n + 1))
  done
  echo "$n"
}

# Writes the staff PIN $2 (hashed) to the file $1 with kiosk-admin $3, as staff would with set-pin.
kd_set_pin() {
  printf '%s\n%s\n' "$2" "$2" | "$3" set-pin --pin-file "$1" >/dev/null 2>&1 || kd_fail "kiosk-admin set-pin failed"
}

# Holds the hidden top-left corner for 3.5 s (staff gesture), then waits for the PIN pad.
kd_staff_gesture() {
  xdotool mousemove 30 30 mousedown 1
  sleep 3.5
  xdotool mouseup 1
  kd_wait_page 'staff_pin'
}

# Types the digits of $1 on the PIN pad and taps OK.
kd_type_pin() {
  local i
  for ((i = 0; i < ${#1}; i++)); do
    kd_tap "pin.${1:i:1}"
    sleep 0.15
  done
  kd_tap pin.ok
}
