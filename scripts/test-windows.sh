#!/usr/bin/env bash
# The Windows test run: every package's tests under internal/ and app/ and
# `tandem.exe --selftest`, cross-compiled for windows/amd64 and run under Wine
# (see scripts/testwindows). Installs Wine and mingw-w64 when missing.
# Arguments go to the harness, e.g. scripts/test-windows.sh -run TestLock ./internal/sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/wine-setup.sh)"
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES
status=0
go run ./scripts/testwindows -wine "$WINE" "$@" || status=$?
"$WINESERVER" -k 2>/dev/null || true # no wineserver left behind for the next run
exit $status
