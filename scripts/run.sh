#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk with the embedded defaults: database in ./var/,
# the shipped questionnaires. Arguments are passed to the kiosk (e.g. --windowed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" "$root/build"
cd "$root"
mkdir -p var
if [ -x build/kiosk/app/kiosk ]; then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display found (DISPLAY is not set). Start it from a desktop session, or try:" >&2
    echo "     xvfb-run -a -s '-screen 0 1920x1080x24' build/kiosk/app/kiosk" >&2
    exit 1
  fi
  exec build/kiosk/app/kiosk "$@"
fi
# Until the kiosk application is built, show that the shipped questionnaires are valid.
shopt -s extglob
exec build/kiosk/admin/kiosk-admin validate questionnaires/!(schema).json
