#!/usr/bin/env bash
# Installs what building and testing the Windows packages needs on Debian,
# and only what is missing: NSIS (installer), wixl and msitools (MSI and
# msiinfo), osslsigncode (optional signing), and for the tests Wine (64-bit
# only: the installer, uninstaller and tandem.exe are all 64-bit) and the
# MinGW compiler for the one DLL Wine 8 lacks (scripts/wine-setup.sh).
set -euo pipefail

packages=(nsis wixl msitools osslsigncode python3)
if [ "${1:-}" = "--test" ]; then
  packages+=(wine64 gcc-mingw-w64-x86-64)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
