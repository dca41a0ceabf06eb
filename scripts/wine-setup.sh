#!/usr/bin/env bash
# Prepare a Wine prefix that runs Tandem's Windows binaries (Go 1.26, windows/amd64).
# Installs wine64 and mingw-w64 when missing, creates the prefix headless and puts
# in the one DLL Wine 8 lacks (bcryptprimitives.dll, built from scripts/wine/).
# Prints the shell lines to use it: eval "$(scripts/wine-setup.sh)".
# WINEPREFIX defaults to build/.wine-prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export WINEPREFIX="${WINEPREFIX:-$root/build/.wine-prefix}" # a dot folder: go ./... never looks inside
export WINEDEBUG=-all
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}" # no Mono/Gecko dialogs

find_wine() {
	for w in "$(command -v wine64 2>/dev/null || true)" /usr/lib/wine/wine64 "$(command -v wine 2>/dev/null || true)"; do
		if [ -n "$w" ] && [ -x "$w" ]; then echo "$w"; return 0; fi
	done
	return 1
}

if ! find_wine >/dev/null || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
	echo "wine-setup: installing wine64 and mingw-w64" >&2
	sudo_cmd=""
	if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
	$sudo_cmd apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends wine64 gcc-mingw-w64-x86-64 >&2
fi
wine="$(find_wine)"
wineserver="$(dirname "$wine")/wineserver"
[ -x "$wineserver" ] || wineserver="$(command -v wineserver || echo /usr/lib/wine/wineserver)"

sys32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	echo "wine-setup: creating prefix $WINEPREFIX" >&2
	mkdir -p "$WINEPREFIX"
	"$wine" wineboot -i >/dev/null 2>&1 || true
	"$wineserver" -w
fi
[ -d "$sys32" ] || { echo "wine-setup: wineboot did not create $sys32" >&2; exit 1; }

dll="$sys32/bcryptprimitives.dll"
src="$root/scripts/wine/bcryptprimitives.c"
def="$root/scripts/wine/bcryptprimitives.def"
if [ ! -f "$dll" ] || [ "$src" -nt "$dll" ] || [ "$def" -nt "$dll" ] || ! grep -q ProcessPrng "$dll"; then
	echo "wine-setup: building bcryptprimitives.dll (ProcessPrng -> RtlGenRandom)" >&2
	x86_64-w64-mingw32-gcc -shared -O2 -s -o "$dll.tmp" "$src" "$def" -ladvapi32
	mv "$dll.tmp" "$dll"
fi

echo "export WINEPREFIX='$WINEPREFIX' WINEDEBUG=-all WINEDLLOVERRIDES='$WINEDLLOVERRIDES' WINE='$wine' WINESERVER='$wineserver'"
