#!/usr/bin/env bash
# Installs what building, running and testing Tandem on Debian needs, and
# only what is missing: system packages through apt, then the frontend's
# npm packages and the Go modules. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config
  libgtk-3-dev libwebkit2gtk-4.1-dev   # the desktop window (build tag webkit2_41)
  xvfb xauth x11-utils imagemagick     # a window without a screen, and screenshots of it
  chromium                             # end-to-end tests (driven by playwright-core)
  poppler-utils qpdf                   # reading generated PDFs back in tests
  python3-icalendar                    # reading generated .ics calendars back in tests (for /usr/bin/python3)
  nodejs npm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Node.js installed outside apt (e.g. /usr/local) is fine too.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -ra missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null; then
  echo "Go is missing: please install Go 1.21 or newer (it fetches the version go.mod names by itself)." >&2
  exit 1
fi

# Frontend packages: exactly what package-lock.json says, only when it changed.
if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  (cd frontend && npm ci --no-audit --no-fund)
fi
go mod download
