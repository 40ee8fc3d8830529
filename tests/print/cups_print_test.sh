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
source "$(dirname "$0")/cupsd_helper.sh"

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
