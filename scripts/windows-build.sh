#!/usr/bin/env bash
# Builds the Windows files into build/bin (see docs/installation.md):
#   tandem.exe                  runs without installation
#   Tandem-Setup-<version>.exe  per-user installer (NSIS, German)
#   Tandem-<version>.msi        per-machine package for IT roll-out (wixl)
# The version is wails.json's info.productVersion, and nothing else.
# With SIGN_PFX and SIGN_PASS set, every file is signed (scripts/windows-sign.sh).
#
#   scripts/windows-build.sh                       everything
#   scripts/windows-build.sh --packages-only \
#       [--version 0.0.9] [--out DIR] [--msi-only] only installer and MSI, from build/bin/tandem.exe
#                                                  (the tests use it for an older or newer package;
#                                                  --fast: zlib instead of lzma, quicker and larger)
set -euo pipefail
cd "$(dirname "$0")/.."

packages_only=false
msi_only=false
fast=false
out=build/bin
version="$(sed -n 's/^ *"productVersion": *"\([^"]*\)".*/\1/p' wails.json)"
while (($#)); do
  case "$1" in
    --packages-only) packages_only=true ;;
    --msi-only) packages_only=true msi_only=true ;;
    --fast) fast=true ;;
    --version) version="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "windows-build: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "windows-build: version \"$version\" is not MAJOR.MINOR.PATCH (wails.json info.productVersion)" >&2
  exit 1
fi
mkdir -p "$out"

signing=false
if [ -n "${SIGN_PFX:-}" ]; then
  [ -n "${SIGN_PASS+set}" ] || { echo "windows-build: SIGN_PFX is set but SIGN_PASS is not" >&2; exit 1; }
  signing=true
fi
sign() { if $signing; then scripts/windows-sign.sh "$1"; fi; }

exe=build/bin/tandem.exe
if ! $packages_only; then
  # -webview2 error: never download or open a web page when the runtime is
  # missing; the app shows the German text of app/webview2.go instead.
  go tool wails build -s -m -nosyncgomod -skipbindings -trimpath \
    -platform windows/amd64 -webview2 error -ldflags "-s -w" -o tandem.exe >build/wails-windows.log 2>&1 ||
    { cat build/wails-windows.log; exit 1; }
  sign "$exe"
fi
[ -f "$exe" ] || { echo "windows-build: $exe is missing; run without --packages-only" >&2; exit 1; }

setup="$out/Tandem-Setup-$version.exe"
if ! $msi_only; then
  nsis_args=(-V2 -INPUTCHARSET UTF8 "-DVERSION=$version" "-DEXE=$PWD/$exe" "-DOUTFILE=$(realpath "$out")/Tandem-Setup-$version.exe")
  # The uninstaller, written while makensis runs, is signed then too.
  if $signing; then nsis_args+=("-DSIGN_SCRIPT=$PWD/scripts/windows-sign.sh"); fi
  if $fast; then nsis_args+=("-XSetCompressor /FINAL zlib"); fi
  makensis "${nsis_args[@]}" build/windows/installer/tandem.nsi >/dev/null
  sign "$setup"
fi

# ProductCode: a UUID v5 of the version in the UpgradeCode's namespace, so a
# rebuild of the same version is the same product and each new version is a new one.
upgrade_code="$(sed -n 's/.*UpgradeCode="\([^"]*\)".*/\1/p' build/windows/msi/tandem.wxs)"
product_code="$(python3 -c 'import sys, uuid; print(str(uuid.uuid5(uuid.UUID(sys.argv[1]), "Tandem " + sys.argv[2])).upper())' "$upgrade_code" "$version")"
msi="$out/Tandem-$version.msi"
# wixl resolves sources relative to the working folder; it wants relative paths.
wixl -a x64 -D "Version=$version" -D "ProductCode=$product_code" -D "Exe=$exe" \
  -D Icon=build/windows/icon.ico -o "$msi" build/windows/msi/tandem.wxs
sign "$msi"

ls -l "$exe" "$msi" $($msi_only || echo "$setup") | awk '{printf "  %-40s %6.1f MB\n", $9, $5/1048576}'
if ! $signing; then
  cat >&2 <<'MSG'
HINWEIS: tandem.exe, Installer und MSI sind NICHT signiert (SIGN_PFX/SIGN_PASS nicht gesetzt).
         Windows SmartScreen warnt beim ersten Start („Der Computer wurde durch Windows geschützt“).
MSG
fi
