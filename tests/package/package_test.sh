#!/usr/bin/env bash
# The Debian package as a ward office's IT person meets it:
#  1. scripts/package.sh builds it (Release, Debian's hardening flags) with no compiler warning, and lintian
#     reports no error; the binaries are hardened (PIE, RELRO, BIND_NOW, fortified calls).
#  2. Every file is where the FHS says, /etc files are conffiles, nothing lands in /var, /usr/local, /opt.
#  3. `kiosk --version` and `kiosk-admin validate …/questionnaires/*.json` work from the installed paths, and
#     the installed binary knows nothing of this checkout.
#  4. systemd-analyze verify accepts the unit.
#  5. The installed kiosk runs under cage (headless) as a non-root user, finds its shipped data by itself,
#     reaches its first frame, tells a NOTIFY_SOCKET listener READY=1 and keeps pinging WATCHDOG=1 while idle.
# Usage: package_test.sh SOURCE_DIR OUT_DIR. Exit 77 (skipped) only when a tool setup.sh installs is missing.
set -euo pipefail
source="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
for tool in dpkg-buildpackage dh lintian blhc dpkg-deb readelf cage Xwayland systemd-analyze python3 git; do
  if ! command -v "$tool" >/dev/null; then
    echo "package test: SKIPPED: $tool is not installed (scripts/setup.sh installs it)"
    exit 77
  fi
done
fail() { echo "package test: FAIL: $*" >&2; exit 1; }
pkg=danang-kiosk
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-package-XXXXXX")"
cage_pid=""; listener_pid=""
cleanup() {
  [ -n "$cage_pid" ] && kill "$cage_pid" 2>/dev/null || true
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

# --- 1. Build and lintian ---------------------------------------------------------------------------------
start=$(date +%s)
"$source/scripts/package.sh" --werror "$out" || fail "scripts/package.sh failed"
echo "package test: package built and checked in $(( $(date +%s) - start )) s"
if grep -n ': warning:' "$out/build.log"; then fail "compiler warnings in the package build (above)"; fi
version="$(dpkg-parsechangelog -l "$source/debian/changelog" -S Version)"
deb="$out/${pkg}_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "expected $deb"
root="$work/root"
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
# readelf's output is read whole (no `readelf | grep -q` under pipefail: grep quitting early kills readelf
# with SIGPIPE on a long listing), and -W: without it binutils 2.40 shortens long symbol names to
# "[...]@GLIBC_2.3.4", which hid every __*_chk symbol from this check.
for bin in kiosk kiosk-admin; do
  f="$root/usr/bin/$bin"
  grep -q 'Type:.*DYN' <<<"$(readelf -W -h "$f")" || fail "$bin is not PIE"
  grep -q GNU_RELRO <<<"$(readelf -W -l "$f")" || fail "$bin has no RELRO"
  grep -Eq 'BIND_NOW|FLAGS.*NOW' <<<"$(readelf -W -d "$f")" || fail "$bin is not linked with -z now"
  chk="$(readelf -W --dyn-syms "$f" | awk '$7 == "UND" && $8 ~ /^__[a-z0-9_]+_chk@/ {n++} END {print n+0}')"
  [ "$chk" -gt 0 ] || fail "$bin has no fortified calls (_FORTIFY_SOURCE)"
  echo "package test: $bin: PIE, RELRO, BIND_NOW, $chk fortified libc calls"
done
# Every compile and link line got Debian's build flags, -z now included (blhc reads the verbose build log;
# PIE is GCC's default on Debian, so no -fPIE on the lines: readelf checked it above).
blhc --bindnow "$out/build.log" || fail "blhc: a compile or link line lacks Debian's build flags (above)"
grep -q '^Depends:.*libglfw3' "$work/control/control" || fail "Depends lacks the shlibs (libglfw3)"
grep -q '^Depends:.*cage' "$work/control/control" || fail "Depends lacks cage"

# --- 2. Files where the FHS says --------------------------------------------------------------------------
allowed='^/usr/bin/(kiosk|kiosk-admin)$
^/usr/share/'"$pkg"'/(assets/((i18n|speech)/)?[a-z0-9_.-]+\.json|questionnaires/[a-z0-9_.-]+\.json|schema\.json)$
^/usr/share/doc/'"$pkg"'/
^/usr/share/man/man1/(kiosk|kiosk-admin)\.1\.gz$
^/usr/share/lintian/overrides/'"$pkg"'$
^/etc/'"$pkg"'/kiosk\.json$
^/etc/pam\.d/'"$pkg"'$
^/etc/logrotate\.d/'"$pkg"'$
^/lib/systemd/system/'"$pkg"'\.service$
^/lib/udev/rules\.d/60-'"$pkg"'\.rules$
^/usr/lib/sysusers\.d/'"$pkg"'\.conf$
^/usr/lib/tmpfiles\.d/'"$pkg"'\.conf$
^/usr/lib/systemd/logind\.conf\.d/'"$pkg"'\.conf$
^/usr/share/polkit-1/rules\.d/60-'"$pkg"'\.rules$'
files="$(cd "$root" && find . ! -type d | sed 's#^\.##' | sort)"
stray="$(grep -Ev "$allowed" <<<"$files" || true)"
[ -z "$stray" ] || fail "files outside their FHS places: $stray"
for f in /usr/bin/kiosk /usr/bin/kiosk-admin /usr/share/$pkg/assets/i18n/vi.json /usr/share/$pkg/assets/theme.json \
         /usr/share/$pkg/questionnaires/danang-dcf.json /usr/share/$pkg/schema.json /etc/$pkg/kiosk.json \
         /etc/pam.d/$pkg /lib/systemd/system/$pkg.service /lib/udev/rules.d/60-$pkg.rules \
         /usr/lib/sysusers.d/$pkg.conf /usr/lib/tmpfiles.d/$pkg.conf /usr/share/polkit-1/rules.d/60-$pkg.rules \
         /usr/share/man/man1/kiosk.1.gz /usr/share/man/man1/kiosk-admin.1.gz; do
  [ -f "$root$f" ] || fail "missing $f"
done
for f in /etc/$pkg/kiosk.json /etc/pam.d/$pkg /etc/logrotate.d/$pkg; do
  grep -qx "$f" "$work/control/conffiles" || fail "$f is not a conffile"
done
[ -z "$(find "$root" -perm -o+w ! -type l)" ] || fail "world-writable files in the package"
[ ! -e "$root/usr/share/$pkg/questionnaires/schema.json" ] || fail "schema.json among the questionnaires"

# --- 3. The installed binaries ----------------------------------------------------------------------------
[ "$("$root/usr/bin/kiosk" --version)" = "kiosk ${version%%-*}" ] || fail "kiosk --version: $("$root/usr/bin/kiosk" --version)"
"$root/usr/bin/kiosk-admin" --version | grep -qx "kiosk-admin ${version%%-*}" || fail "kiosk-admin --version"
"$root/usr/bin/kiosk-admin" validate "$root/usr/share/$pkg/questionnaires/"*.json || fail "shipped questionnaires do not validate"
! grep -qF "$source" "$root/usr/bin/kiosk" || fail "the installed kiosk holds this checkout's path"

# --- 4. The unit ------------------------------------------------------------------------------------------
verify="$(systemd-analyze verify "$root/lib/systemd/system/$pkg.service" 2>&1 || echo "exit status $?")"
if grep -F "$pkg" <<<"$verify"; then fail "systemd-analyze verify: $verify"; fi

# --- 5. The installed kiosk under cage, headless, as a non-root user --------------------------------------
as_user=()
if [ "$(id -u)" -eq 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
run="$work/run"; data="$work/data"
mkdir -m 700 "$run"; mkdir -m 700 "$data"
if [ "$(id -u)" -eq 0 ]; then chown 65534:65534 "$run" "$data"; fi
printf '%s\n%s\n' 246810 246810 | "${as_user[@]}" "$root/usr/bin/kiosk-admin" set-pin --pin-file "$data/staff-pin" >/dev/null
# As in /etc/danang-kiosk/kiosk.json, but in temporary folders; no assets_dir: the kiosk must find its own.
cat >"$work/kiosk.json" <<JSON
{"kiosk_id": "package-test", "location_code": "test",
 "questionnaires_dir": "$root/usr/share/$pkg/questionnaires", "database": "$data/kiosk.db",
 "log_file": "$data/kiosk.log", "staff_pin_file": "$data/staff-pin",
 "questionnaires_state_file": "$data/questionnaires-state.json"}
JSON
python3 "$here/notify_listener.py" "$work/notify" 60 >"$work/notify.log" &
listener_pid=$!
for _ in $(seq 50); do grep -q LISTENING "$work/notify.log" 2>/dev/null && break; sleep 0.1; done
# WATCHDOG_PID names cage, as systemd's would (cage is the service's main process, the kiosk its child).
(cd "$data" && exec "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$data" XDG_RUNTIME_DIR="$run" \
  WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
  NOTIFY_SOCKET="$work/notify" WATCHDOG_USEC=900000 \
  sh -c 'export WATCHDOG_PID=$$; exec cage -d -- "$0" --config "$1" --trace-startup' \
  "$root/usr/bin/kiosk" "$work/kiosk.json") >"$work/cage.log" 2>&1 &
cage_pid=$!
launched=$(date +%s.%N)
# Wait for READY and then 3 pings (≥ 0.45 s apart at WATCHDOG_USEC=0.9 s: the idle loop must wake for them).
for _ in $(seq 600); do
  pings="$(awk '/READY=1/ {r=1} r && /WATCHDOG=1/ {n++} END {print n+0}' "$work/notify.log")"
  [ "$pings" -ge 4 ] && break
  kill -0 "$cage_pid" 2>/dev/null || break
  sleep 0.1
done
kill "$cage_pid" 2>/dev/null || true
wait "$cage_pid" 2>/dev/null || true
cage_pid=""
grep -q KIOSK_FIRST_FRAME "$work/cage.log" || { cat "$work/cage.log"; fail "the kiosk never drew its first frame"; }
grep -q 'READY=1' "$work/notify.log" || { cat "$work/cage.log"; fail "no READY=1 from the kiosk"; }
[ "$pings" -ge 4 ] || { cat "$work/notify.log"; fail "only $pings watchdog pings after READY"; }
span="$(awk '/READY=1/ {r=$1} r!="" && /WATCHDOG=1/ {last=$1} END {printf "%.2f", last-r}' "$work/notify.log")"
# Watchdog::Ping sends at most one ping per quarter of WATCHDOG_USEC (0.225 s here), so 3 intervals span at
# least 0.675 s. The kiosk may draw frames faster than its idle sleep at start-up (the questionnaire loader
# wakes it every 250 ms while busy), so the bound is the rate limit's, not the idle loop's.
awk -v s="$span" 'BEGIN {exit !(s >= 0.6)}' || fail "pings came too fast to be periodic ($span s)"
grep -q 'starting' "$data/kiosk.log" || fail "no log file written"
if grep -Ei 'translations:|theme:|cannot' "$data/kiosk.log"; then fail "the installed kiosk did not find its data (above)"; fi
first="$(sed -n 's/.*KIOSK_FIRST_FRAME epoch_ms=\([0-9.]*\).*/\1/p' "$work/cage.log" | head -1)"
echo "package test: first frame $(awk -v a="$launched" -v b="$first" 'BEGIN {printf "%.0f", b - a * 1000}') ms after launching cage; $pings watchdog pings over $span s after READY"
echo "package test: OK"
