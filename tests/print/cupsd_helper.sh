# Sourced by the CUPS tests: starts a private cupsd (temporary config and spool under $work, a Unix socket
# and a loopback port) with a tiny `kiosktest:` backend that writes each job's bytes to the file its URI
# names (cupsd's own file: device copies nothing for a raw queue, and cups-pdf only writes where
# /etc/cups/cups-pdf.conf says). Exports CUPS_SERVER; stops cupsd and removes $work on exit (KEEP_WORK=1
# keeps it). Defines fail() and wait_for FILE (until a whole PDF has arrived there).
work="$(mktemp -d /tmp/kiosk-cups-test.XXXXXX)"
cupsd_pid=""
cleanup() {
  if [ -n "$cupsd_pid" ]; then kill "$cupsd_pid" 2>/dev/null || true; wait "$cupsd_pid" 2>/dev/null || true; fi
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/log/error_log" ] && grep -v '^D' "$work/log/error_log" | tail -20 >&2; exit 1; }

command -v cupsd >/dev/null || fail "cupsd is missing (scripts/setup.sh installs cups)"
mkdir -p "$work"/{spool,cache,state,log,run,out,bin/backend}
# The system's filters and helpers, plus the test backend.
for d in /usr/lib/cups/*; do [ "$(basename "$d")" = backend ] || ln -s "$d" "$work/bin/"; done
cat >"$work/bin/backend/kiosktest" <<'BACKEND'
#!/bin/sh
# kiosktest:/PATH — writes the job to PATH. Without arguments: lists itself for lpinfo.
if [ $# -eq 0 ]; then echo 'direct kiosktest "Unknown" "Kiosk test file"'; exit 0; fi
out="${DEVICE_URI#kiosktest:}"
if [ $# -ge 6 ]; then cat "$6" >"$out.part"; else cat >"$out.part"; fi && mv "$out.part" "$out"
BACKEND
chmod 0755 "$work/bin/backend/kiosktest"
# cupsd as root hands jobs to the unprivileged "lp" user, which must be able to write the output folder.
chmod 0755 "$work"
chmod 0777 "$work/out"
port=$(( 20000 + RANDOM % 20000 ))
cat >"$work/cupsd.conf" <<CONF
Listen 127.0.0.1:$port
Listen $work/run/cups.sock
LogLevel info
DefaultAuthType None
Browsing No
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
CONF
cat >"$work/cups-files.conf" <<CONF
FileDevice Yes
ServerRoot $work
RequestRoot $work/spool
CacheDir $work/cache
StateDir $work/state
TempDir $work/spool
ErrorLog $work/log/error_log
AccessLog $work/log/access_log
PageLog $work/log/page_log
ServerBin $work/bin
Printcap $work/printcap
DataDir /usr/share/cups
CONF
export CUPS_SERVER="$work/run/cups.sock"
unset PRINTER LPDEST || true

cupsd -f -c "$work/cupsd.conf" -s "$work/cups-files.conf" &
cupsd_pid=$!
for _ in $(seq 1 100); do
  lpstat -r 2>/dev/null | grep -q "is running" && break
  kill -0 "$cupsd_pid" 2>/dev/null || fail "cupsd exited at start"
  sleep 0.1
done
lpstat -r | grep -q "is running" || fail "cupsd did not start"


wait_for() {  # FILE: until the job is complete and the file holds a whole PDF
  for _ in $(seq 1 150); do
    if [ -s "$1" ] && tail -c 64 "$1" | grep -q '%%EOF'; then return 0; fi
    sleep 0.1
  done
  return 1
}
