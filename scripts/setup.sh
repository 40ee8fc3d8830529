#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install the Debian 12 packages that are missing (apt-get, through
# sudo when not root), then configure and build into the given build directory.
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments…]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
shift || true

packages=(
  build-essential cmake pkg-config
  nlohmann-json3-dev doctest-dev libutf8proc-dev libsodium-dev
  libsqlite3-dev sqlite3 libxlsxwriter-dev zlib1g-dev liborcus-dev libixion-dev
  libimgui-dev libglfw3-dev libgl-dev libfreetype-dev libstb-dev libqrencode-dev
  fonts-noto-core
  xvfb xauth xdotool libgl1-mesa-dri libglx-mesa0 zbar-tools
  python3-jsonschema
  postgresql-15 libpq-dev
  libjs-chart.js openssl
  libcairo2-dev libpango1.0-dev libcups2-dev
  cups cups-bsd printer-driver-cups-pdf poppler-utils
  libsystemd-dev
  debhelper dpkg-dev lintian
  blhc
  cage xwayland systemd
  libespeak-ng-dev espeak-ng-data libsndfile1-dev libasound2-dev sox
  imagemagick
  libcli11-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing missing Debian packages: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$jobs"
