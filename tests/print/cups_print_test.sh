#!/usr/bin/env bash
# Prints the result page through a real CUPS scheduler: starts its own cupsd (temporary config and spool,
# a Unix socket and a loopback port), adds raw queues whose device is a file (a tiny `kiosktest:` backend
# that writes the job's bytes to the file its URI names: cupsd's own file: device copies nothing for a raw
# queue, and cups-pdf only writes where /etc/cups/cups-pdf.conf says), and runs
# `kiosk-admin print-result --print` against them. Checks: the job arrives as a PDF on the printer asked
# for (or the default destination), the layout follows the queue's media (A5 sheet, 80 mm roll), no
# printer and a printer that rejects jobs are told apart by exit code.
# Usage: cups_print_test.sh KIOSK_ADMIN SOURCE_DIR
set -euo pipefail

admin="$1"
src="$2"
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

q="$src/questionnaires/danang-dcf-quick.json"
answers="$src/tests/fixtures/print/quick-answers.json"
common=(--day 2026-12-01 --assets "$src/assets")

# 1. No queue at all: no default destination -> exit 3, and the page was not sent anywhere.
set +e
"$admin" print-result "$q" "$answers" --out "$work/none.pdf" "${common[@]}" --print 2>"$work/none.err"
rc=$?
set -e
[ "$rc" -eq 3 ] || { cat "$work/none.err" >&2; fail "no printer: expected exit 3, got $rc"; }

# Raw queues keep the job's bytes as they are (lpadmin warns that raw queues are deprecated).
lpadmin -p sheet -E -v "kiosktest:$work/out/sheet.pdf" -m raw -o media-default=iso_a5_148x210mm 2>/dev/null
lpadmin -p roll -E -v "kiosktest:$work/out/roll.pdf" -m raw -o media-default=roll_max_80x3276.8mm 2>/dev/null
lpadmin -d roll

wait_for() {  # FILE: until the job is complete and the file holds a whole PDF
  for _ in $(seq 1 150); do
    if [ -s "$1" ] && tail -c 64 "$1" | grep -q '%%EOF'; then return 0; fi
    sleep 0.1
  done
  return 1
}

# 2. The named queue: an A5 sheet.
"$admin" print-result "$q" "$answers" --out "$work/sheet-local.pdf" "${common[@]}" --print --printer sheet \
  2>"$work/sheet.err" || { cat "$work/sheet.err" >&2; fail "printing on the sheet queue failed"; }
wait_for "$work/out/sheet.pdf" || fail "no output from the sheet queue"
head -c 5 "$work/out/sheet.pdf" | grep -q '%PDF-' || fail "the sheet queue did not receive a PDF"
pdfinfo "$work/out/sheet.pdf" | grep -q "Page size: *419.528 x 595.276" || fail "the sheet queue did not get an A5 page"
cmp -s "$work/out/sheet.pdf" "$work/sheet-local.pdf" || fail "the printed bytes differ from the rendered page"
pdftotext -enc UTF-8 "$work/out/sheet.pdf" - | tr -s ' \n' ' ' | grep -q "không phải chứng chỉ" \
  || fail "the printed page lacks the disclaimer"

# 3. The default destination (no --printer): the receipt roll, laid out 80 mm wide.
"$admin" print-result "$q" "$answers" --out "$work/roll-local.pdf" "${common[@]}" --print 2>"$work/roll.err" \
  || { cat "$work/roll.err" >&2; fail "printing on the default destination failed"; }
grep -q "receipt80 page" "$work/roll.err" || fail "the roll's media did not choose the receipt layout"
wait_for "$work/out/roll.pdf" || fail "no output from the default destination"
pdfinfo "$work/out/roll.pdf" | grep -q "Page size: *226.772 x " || fail "the roll did not get an 80 mm page"

# 4. A named printer that does not exist: exit 3. A queue that rejects jobs: a printer error, exit 4.
set +e
"$admin" print-result "$q" "$answers" --out "$work/x.pdf" "${common[@]}" --print --printer nosuch 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 3 ] || fail "unknown printer: expected exit 3, got $rc"
cupsreject sheet
set +e
"$admin" print-result "$q" "$answers" --out "$work/y.pdf" "${common[@]}" --print --printer sheet 2>"$work/rej.err"
rc=$?
set -e
[ "$rc" -eq 4 ] || { cat "$work/rej.err" >&2; fail "rejecting queue: expected exit 4, got $rc"; }

echo "cups_print_test: ok"
