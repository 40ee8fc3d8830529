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

# Prints "X Y W H" of a tap target on the current screen (its visible rectangle, from id@x,y,w,h).
kd_target_rect() {
  local line items item id r
  line="$(kd_last_screen)"
  IFS=';' read -ra items <<<"${line#*targets=}"
  for item in "${items[@]}"; do
    id="${item%@*}"; r="${item#*@}"; r="${r%\*}"
    if [ "$id" = "$1" ]; then echo "${r//,/ }"; return 0; fi
  done
  return 1
}

# Prints "X Y" of the centre of a tap target on the current screen.
kd_target_xy() {
  local r x y w h
  r="$(kd_target_rect "$1")" || return 1
  read -r x y w h <<<"$r"
  echo "$((x + w / 2)) $((y + h / 2))"
}

# Fails unless every target on the current screen lies wholly inside a WxH screen and none overlap (the
# layout rules, checked on the real binary).
kd_check_geometry() {
  local line items item r x y w h i j
  local -a xs ys ws hs ids
  line="$(kd_last_screen)"
  IFS=';' read -ra items <<<"${line#*targets=}"
  for item in "${items[@]}"; do
    [ -n "$item" ] || continue
    r="${item#*@}"; r="${r%\*}"
    read -r x y w h <<<"${r//,/ }"
    case "${item%@*}" in thanks.anywhere) continue ;; esac
    ids+=("${item%@*}"); xs+=("$x"); ys+=("$y"); ws+=("$w"); hs+=("$h")
    if ((x < 0 || y < 0 || x + w > $1 || y + h > $2)); then kd_fail "target ${item%@*} ($r) is off a $1x$2 screen"; fi
  done
  for ((i = 0; i < ${#ids[@]}; i++)); do
    for ((j = i + 1; j < ${#ids[@]}; j++)); do
      if ((xs[i] < xs[j] + ws[j] && xs[j] < xs[i] + ws[i] && ys[i] < ys[j] + hs[j] && ys[j] < ys[i] + hs[i])); then
        kd_fail "targets ${ids[i]} and ${ids[j]} overlap"
      fi
    done
  done
}

kd_tap() {
  local xy
  xy="$(kd_target_xy "$1")" || kd_fail "no target '$1' on: $(kd_last_screen)"
  # shellcheck disable=SC2086
  xdotool mousemove $xy click 1
}

# Taps $1 and waits until the screen's description changes (a slow machine must not see a stale page).
kd_tap_and_wait() {
  local before
  before="$(kd_last_screen)"
  kd_tap "$1"
  for _ in $(seq 1 100); do
    [ "$(kd_last_screen)" != "$before" ] && return 0
    sleep 0.05
  done
  kd_fail "nothing changed after tapping $1"
}

# Taps answer $1 on the current question, waits until it shows as chosen, then taps Next.
kd_answer_and_next() {
  local line i
  line="$(kd_last_screen)"
  [[ "$line" =~ page=question\.([0-9]+)\  ]] || kd_fail "not on a question: $line"
  i="${BASH_REMATCH[1]}"
  local k
  # Answers that do not fit at once come in groups behind "more answers"; "next" waits until all were seen.
  for k in 1 2 3 4 5 6 7; do kd_target_xy "option.$1" >/dev/null && break; kd_tap_and_wait question.more_answers; done
  kd_tap "option.$1"
  kd_wait_page "question\.$i" "option.$1@"
  kd_wait_page "question\.$i" "*;"
  for k in 1 2 3 4 5 6 7; do kd_target_xy question.next >/dev/null && break; kd_tap_and_wait question.more_answers; done
  [ -z "${KD_SCREEN_W:-}" ] || kd_check_geometry "$KD_SCREEN_W" "$KD_SCREEN_H"
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

# Starts the kiosk for read-aloud runs in the folder $1: only the questionnaire file $2, its sound device a
# folder of WAV files ($1/wav, one per utterance), --trace-screens and --trace-frames. $3 is the kiosk binary
# (kiosk-admin beside it in the build tree), $4 the source root (assets). Sets KIOSK_PID; stderr to $KIOSK_LOG.
kd_start_speaking_kiosk() {
  local work="$1" kiosk="$3" root="$4"
  mkdir -p "$work/wav" "$work/q"
  cp "$2" "$work/q/"
  kd_set_pin "$work/staff-pin" 246810 "$(dirname "$kiosk")/../admin/kiosk-admin"
  cat >"$work/kiosk.json" <<JSON
{"kiosk_id": "speech", "location_code": "test", "log_file": "$work/kiosk.log", "assets_dir": "$root/assets",
 "staff_pin_file": "$work/staff-pin", "audio_device": "wav:$work/wav", "volume_file": "$work/volume"}
JSON
  "$kiosk" --config "$work/kiosk.json" --questionnaires "$work/q" --db "$work/kiosk.db" \
    --trace-screens --trace-frames ${KD_EXTRA_ARGS:-} 2>"$KIOSK_LOG" &
  KIOSK_PID=$!
}

# Waits until utterance $2 (1-based) has been played to its end in the WAV folder $1 (its file is written
# when it ends); fails when it was stopped instead.
kd_wait_utterance() {
  local name; name="$(printf 'utterance-%04d' "$2")"
  for _ in $(seq 1 600); do
    [ -f "$1/$name.wav" ] && return 0
    [ -f "$1/$name-stopped.wav" ] && kd_fail "utterance $2 was stopped before its end"
    kill -0 "$KIOSK_PID" 2>/dev/null || kd_fail "the kiosk exited"
    sleep 0.05
  done
  kd_fail "utterance $2 was never played ($(ls "$1" | tr '\n' ' '))"
}
