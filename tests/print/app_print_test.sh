#!/usr/bin/env bash
# The kiosk app prints a result through a real CUPS scheduler: the headless kiosk (tests/ui harness: the
# real controller, flow, screens and print worker) is driven to the result screen and "In kết quả" is
# tapped — first with no printer at all (the calm message), then with a raw queue whose device writes the
# job to a file (the page arrives, once, and pdftotext reads what a citizen takes home).
# Usage: app_print_test.sh APP_PRINT_TESTS
set -euo pipefail

tests="$1"
source "$(dirname "$0")/cupsd_helper.sh"

export KIOSK_TEST_PRINT_OUT="$work/out/page.pdf"
"$tests" --test-case="app print: no printer*" || fail "the no-printer case failed"
lpadmin -p desk -E -v "kiosktest:$KIOSK_TEST_PRINT_OUT" -m raw -o media-default=iso_a4_210x297mm 2>/dev/null
lpadmin -d desk
"$tests" --test-case="app print: the page*" || fail "printing through the queue failed"
echo "app_print_test: ok"
