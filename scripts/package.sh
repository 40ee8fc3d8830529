#!/usr/bin/env bash
# Builds the Debian package danang-kiosk the Debian way (dpkg-buildpackage + debhelper, Debian's hardening
# flags, a Release build) from a clean copy of this checkout, then runs lintian on it.
#   scripts/package.sh [--werror] [OUTDIR]     (default OUTDIR: build-package/)
# Writes OUTDIR/danang-kiosk_<version>_<arch>.deb, OUTDIR/build.log and OUTDIR/lintian.txt. Exit 1 when the
# build fails or lintian reports an error or a warning. --werror makes any compiler warning fail the build.
# The package's own tests are not run here (DEB_BUILD_OPTIONS=nocheck): ctest runs them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

werror=""
if [ "${1:-}" = "--werror" ]; then werror=1; shift; fi
out="${1:-$root/build-package}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Build dependencies (Build-Depends in debian/control) come from setup.sh's list; refuse early and clearly.
if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
  echo "package: dpkg-buildpackage/debhelper missing: run scripts/setup.sh first (it installs them)" >&2
  exit 1
fi

# A clean copy of the checkout (tracked files plus new, not ignored ones; no build trees): dpkg-buildpackage
# writes debian/ build output and its results into the source folder and its parent, never into the checkout.
src="$out/src"
rm -rf "$src" "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf -) | tar -xf - -C "$src"

jobs="$(nproc 2>/dev/null || echo 2)"
status=0
(cd "$src" && KIOSK_WERROR="$werror" DEB_BUILD_OPTIONS="nocheck noautodbgsym parallel=$jobs" \
  dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  tail -n 40 "$out/build.log" >&2
  echo "package: dpkg-buildpackage failed (exit $status); the whole log is $out/build.log" >&2
  exit 1
fi
deb="$(ls "$out"/danang-kiosk_*.deb)"
rm -rf "$src"

status=0
# Info tags are listed too (the overridden ones, with their reasons, are in debian/danang-kiosk.lintian-overrides);
# a warning fails like an error, so a new one is looked at rather than scrolled past.
lintian --fail-on error,warning --info --tag-display-limit 0 "$deb" >"$out/lintian.txt" 2>&1 || status=$?
cat "$out/lintian.txt"
if [ "$status" -ne 0 ]; then
  echo "package: lintian found errors or warnings (above)" >&2
  exit 1
fi
echo "package: $deb"
