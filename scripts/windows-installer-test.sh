#!/usr/bin/env bash
# Tests the files `make windows` put into build/bin (docs/installation.md):
#   1. the MSI's tables (msiinfo), and a second MSI of another version
#   2. signing with a throwaway self-signed certificate (osslsigncode)
#   3. under Wine, in a fresh prefix: the NSIS installer (/S, upgrade, repair,
#      downgrade refused, uninstall keeps the data), tandem.exe --version,
#      and the MSI (msiexec /qn, major upgrade, downgrade refused).
# Every failure says whether it is a REAL FAULT of Tandem's packages or a
# WINE GAP (something Wine 8 does not do like Windows).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

version="$(sed -n 's/^ *"productVersion": *"\([^"]*\)".*/\1/p' wails.json)"
upgrade_code="$(sed -n 's/.*UpgradeCode="\([^"]*\)".*/\1/p' build/windows/msi/tandem.wxs)"
exe=build/bin/tandem.exe
setup="build/bin/Tandem-Setup-$version.exe"
msi="build/bin/Tandem-$version.msi"
older=0.0.1 newer=99.0.0

work="$(mktemp -d /tmp/tandem-installer-test.XXXXXX)"
export WINEPREFIX="$work/prefix"
cleanup() {
  [ -n "${WINESERVER:-}" ] && "$WINESERVER" -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

checks=0
ok() { checks=$((checks + 1)); echo "  ok   $*"; }
real_fault() { echo "  FAIL (REAL FAULT in Tandem's packaging): $*" >&2; exit 1; }
wine_gap() { echo "  FAIL (WINE GAP, not a fault of the package; check on real Windows): $*" >&2; exit 1; }
expect() { # expect DESCRIPTION COMMAND…: a real fault when the command fails
  local what="$1"; shift
  if "$@"; then ok "$what"; else real_fault "$what"; fi
}

for f in "$exe" "$setup" "$msi"; do
  [ -f "$f" ] || real_fault "$f missing: run make windows"
done

echo "== tandem.exe"
# -webview2 error: Wails' download strategies would carry Microsoft's bootstrapper link.
expect "built without the WebView2 download (-webview2 error)" \
  test "$(strings "$exe" | grep -c -e 'LinkId=2124703' -e 'developer.microsoft.com/en-us/microsoft-edge/webview2')" = 0
res="$(strings -el "$exe")"
for field in ProductVersion FileVersion ProductName FileDescription CompanyName; do
  grep -qx "$field" <<<"$res" || real_fault "version resource lacks $field"
done
expect "version resource: ProductVersion $version" test "$(grep -A1 -x ProductVersion <<<"$res" | tail -1)" = "$version"
expect "version resource: FileVersion $version" test "$(grep -A1 -x FileVersion <<<"$res" | tail -1)" = "$version"
# The icon resource holds the images of build/windows/icon.ico without its file header.
has_icon() {
  python3 - "$1" build/windows/icon.ico <<'PY'
import struct, sys
exe, ico = (open(p, "rb").read() for p in sys.argv[1:])
count = struct.unpack_from("<H", ico, 4)[0]
for i in range(count):
    size, offset = struct.unpack_from("<II", ico, 6 + 16 * i + 8)
    if ico[offset:offset + size] not in exe:
        sys.exit(1)
PY
}
expect "icon resource: every image of icon.ico" has_icon "$exe"

echo "== MSI ($msi)"
prop() { msiinfo export "$1" Property | tr -d '\r' | awk -F'\t' -v k="$2" '$1 == k {print $2}'; }
tables="$(msiinfo tables "$msi")"
for t in Property File Component Directory Feature Shortcut Upgrade LaunchCondition Icon Media; do
  grep -qx "$t" <<<"$tables" || real_fault "MSI has no $t table"
done
ok "tables present"
expect "ProductVersion = $version (wails.json)" test "$(prop "$msi" ProductVersion)" = "$version"
expect "UpgradeCode = {$upgrade_code}" test "$(prop "$msi" UpgradeCode)" = "{$upgrade_code}"
expect "ALLUSERS = 1 (per machine)" test "$(prop "$msi" ALLUSERS)" = 1
expect "64-bit package (Template x64)" grep -q '^Template: x64;' <(msiinfo suminfo "$msi")
expect "installs into ProgramFiles64Folder\\Tandem" \
  grep -qP '^INSTALLDIR\tProgramFiles64Folder\tTandem' <(msiinfo export "$msi" Directory | tr -d '\r')
expect "Start-menu shortcut" grep -qP '^TandemStartMenu\tProgramMenuFolder\tTandem\t' <(msiinfo export "$msi" Shortcut | tr -d '\r')
expect "German downgrade message" grep -q 'bereits eine neuere Version von Tandem' <(msiinfo export "$msi" LaunchCondition)
code="$(prop "$msi" ProductCode)"
scripts/windows-build.sh --msi-only --version "$version" --out "$work/same" >/dev/null 2>&1
scripts/windows-build.sh --msi-only --version "$newer" --out "$work/newer" >/dev/null 2>&1
scripts/windows-build.sh --packages-only --fast --version "$older" --out "$work/older" >"$work/older.log" 2>&1 ||
  { cat "$work/older.log"; real_fault "building the $older packages"; }
expect "same version, same ProductCode ($code)" test "$(prop "$work/same/Tandem-$version.msi" ProductCode)" = "$code"
expect "version $newer: another ProductCode, same UpgradeCode" \
  test "$(prop "$work/newer/Tandem-$newer.msi" ProductCode)" != "$code" -a \
  "$(prop "$work/newer/Tandem-$newer.msi" UpgradeCode)" = "{$upgrade_code}"

echo "== Signing (throwaway self-signed certificate)"
if osslsigncode verify -in "$exe" >/dev/null 2>&1 || osslsigncode verify -in "$exe" 2>&1 | grep -q "Signer's certificate"; then
  echo "  (build/bin/tandem.exe is signed: SIGN_PFX was set for make windows)"
else
  ok "unsigned build: tandem.exe carries no signature"
fi
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj "/CN=Tandem Testsignatur" 2>/dev/null
openssl pkcs12 -export -out "$work/test.pfx" -inkey "$work/key.pem" -in "$work/cert.pem" -passout pass:wegwerf
cp "$exe" "$work/signed-tandem.exe"
export SIGN_PFX="$work/test.pfx" SIGN_PASS=wegwerf
scripts/windows-sign.sh "$work/signed-tandem.exe" >/dev/null
scripts/windows-build.sh --packages-only --fast --version "$version" --out "$work/signed" >"$work/signed.log" 2>&1 ||
  { cat "$work/signed.log"; real_fault "building signed packages"; }
unset SIGN_PFX SIGN_PASS
signed() { # the signature is there and intact; only the self-signed chain fails
  local out; out="$(osslsigncode verify -in "$1" 2>&1 || true)"
  grep -q "Subject: /CN=Tandem Testsignatur" <<<"$out" && grep -q "self-signed certificate" <<<"$out" &&
    ! grep -qi "mismatch\|No signature found" <<<"$out"
}
expect "tandem.exe signed" signed "$work/signed-tandem.exe"
expect "installer signed" signed "$work/signed/Tandem-Setup-$version.exe"
expect "MSI signed" signed "$work/signed/Tandem-$version.msi"
expect "unsigned build says so" grep -q "NICHT signiert" "$work/older.log"

echo "== Wine prefix ($WINEPREFIX)"
eval "$(scripts/wine-setup.sh)" || wine_gap "could not create a Wine prefix"
users="$WINEPREFIX/drive_c/users/$(id -un)"
# Wine links Desktop, Documents … to $HOME; keep the test inside the prefix.
for d in "$users"/*; do
  if [ -L "$d" ]; then rm "$d" && mkdir "$d"; fi
done
desktop="$users/Desktop/Tandem.lnk"
instdir="$users/AppData/Local/Programs/Tandem"
startmenu="$users/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Tandem.lnk"
db="$users/AppData/Roaming/Tandem/tandem.db"
setuplog="$users/Temp/Tandem-Setup.log"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Tandem'
winpath() { echo "Z:${1//\//\\}"; }
run() { # run WINDOWS-EXE ARGS…; prints the exit code, waits for every process of the prefix
  local rc=0
  timeout 180 "$WINE" "$(winpath "$(realpath "$1")")" "${@:2}" >"$work/out.txt" 2>&1 || rc=$?
  "$WINESERVER" -w
  echo "$rc"
}
regval() { "$WINE" reg query "$key" /v "$1" 2>/dev/null | tr -d '\r' | awk -v n="$1" '$1 == n {print $3}'; }
log_text() { if [ -f "$setuplog" ]; then iconv -f UTF-16 -t UTF-8 "$setuplog"; fi; }

mkdir -p "$(dirname "$db")"
echo "Testdaten, die keine Deinstallation anfassen darf" >"$db"
dbsum="$(sha256sum <"$db")"

echo "== NSIS installer under Wine"
rc="$(run "$work/older/Tandem-Setup-$older.exe" /S)"
[ "$rc" = 0 ] || wine_gap "the $older installer did not run under Wine (exit $rc): $(cat "$work/out.txt")"
expect "$older installed (DisplayVersion $older)" test "$(regval DisplayVersion)" = "$older"

rm -f "$setuplog"
rc="$(run "$setup" /S)"
expect "upgrade $older -> $version: exit 0" test "$rc" = 0
expect "tandem.exe in AppData\\Local\\Programs\\Tandem is the new one" cmp -s "$exe" "$instdir/tandem.exe"
expect "uninstaller beside it" test -f "$instdir/uninstall.exe"
expect "Start-menu shortcut" test -f "$startmenu"
expect "no desktop shortcut unless chosen" test ! -e "$desktop"
expect "DisplayVersion $version" test "$(regval DisplayVersion)" = "$version"
for v in DisplayName Publisher DisplayIcon UninstallString QuietUninstallString InstallLocation; do
  [ -n "$(regval "$v")" ] || real_fault "uninstall key lacks $v"
done
expect "NoModify, NoRepair = 1; EstimatedSize > 0" test "$(regval NoModify)" = 0x1 -a "$(regval NoRepair)" = 0x1 -a "$(( $(regval EstimatedSize) ))" -gt 1000
expect "QuietUninstallString has /S" grep -q 'uninstall.exe" /S$' <<<"$("$WINE" reg query "$key" /v QuietUninstallString | tr -d '\r')"
expect "no WebView2 in Wine: German notice in the log" grep -q "Evergreen Standalone Installer" <(log_text)

mkdir -p "$instdir/WebView2" && echo stub >"$instdir/WebView2/msedgewebview2.exe"
rm -f "$setuplog"
rc="$(run "$setup" /S /DESKTOP)"
expect "same version again (repair): exit 0" test "$rc" = 0
expect "repair keeps the installation" cmp -s "$exe" "$instdir/tandem.exe"
expect "a WebView2 folder beside tandem.exe counts" grep -q "WebView2 Runtime gefunden" <(log_text)
expect "/DESKTOP creates the desktop shortcut" test -f "$desktop"

before="$(sha256sum "$instdir/tandem.exe")"
rm -f "$setuplog"
rc="$(run "$work/older/Tandem-Setup-$older.exe" /S)"
expect "downgrade to $older refused: exit 2" test "$rc" = 2
expect "German message in the log" grep -q "bereits Tandem $version installiert, eine neuere Version" <(log_text)
expect "nothing changed (exe, DisplayVersion)" test "$(sha256sum "$instdir/tandem.exe")" = "$before" -a "$(regval DisplayVersion)" = "$version"

rc="$(run "$instdir/tandem.exe" --version)"
if [ "$rc" != 0 ]; then
  if grep -qi "bcryptprimitives" "$work/out.txt"; then wine_gap "tandem.exe needs bcryptprimitives.dll (scripts/wine-setup.sh)"; fi
  real_fault "tandem.exe --version exit $rc: $(cat "$work/out.txt")"
fi
expect "tandem.exe --version prints Tandem $version" grep -qx "Tandem $version" <(tr -d '\r' <"$work/out.txt")

rm -f "$setuplog"
rc="$(run "$instdir/uninstall.exe" /S)"
expect "silent uninstall: exit 0" test "$rc" = 0
expect "install folder gone" test ! -e "$instdir"
expect "shortcuts gone" test ! -e "$startmenu" -a ! -e "$desktop"
expect "uninstall key gone" test -z "$(regval DisplayVersion)"
expect "tandem.db untouched" test "$(sha256sum <"$db")" = "$dbsum"
expect "uninstaller says the data stays" grep -q "Datenbank tandem.db und Sicherungen) bleiben erhalten" <(log_text)

echo "== MSI under Wine (msiexec /qn)"
progdir="$WINEPREFIX/drive_c/Program Files/Tandem"
msirun() { # msirun ARGS…: prints msiexec's exit code
  local rc=0
  timeout 180 "$WINE" msiexec "$@" /qn /l*v "$(winpath "$work/msi.log")" >/dev/null 2>&1 || rc=$?
  "$WINESERVER" -w
  echo "$rc"
}
rc="$(msirun /i "$(winpath "$(realpath "$work/older/Tandem-$older.msi")")")"
[ "$rc" = 0 ] || wine_gap "msiexec did not install the $older MSI (exit $rc)"
expect "$older MSI: tandem.exe in Program Files\\Tandem" test -f "$progdir/tandem.exe"
rc="$(msirun /i "$(winpath "$(realpath "$msi")")")"
expect "major upgrade $older -> $version: exit 0" test "$rc" = 0
expect "tandem.exe is the new one" cmp -s "$exe" "$progdir/tandem.exe"
registered() { "$WINE" reg query "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$(prop "$1" ProductCode)" >/dev/null 2>&1; }
expect "$version registered, $older no longer" eval 'registered "$msi" && ! registered "$work/older/Tandem-$older.msi"'
rc="$(msirun /i "$(winpath "$(realpath "$work/newer/Tandem-$newer.msi")")")"
expect "major upgrade $version -> $newer: exit 0" test "$rc" = 0
before="$(sha256sum "$progdir/tandem.exe")"
rc="$(msirun /i "$(winpath "$(realpath "$msi")")")"
# Wine hands exit codes over as 8 bits: 1603 (fatal error) arrives as 67.
# Wine's msi does not log the launch condition's text; the German
# message is checked in the LaunchCondition table above.
expect "downgrade $newer -> $version refused: exit 1603" test "$rc" = 1603 -o "$rc" = 67
expect "nothing changed" test "$(sha256sum "$progdir/tandem.exe")" = "$before"
rc="$(msirun /x "$(winpath "$(realpath "$work/newer/Tandem-$newer.msi")")")"
expect "msiexec /x … /qn removes it: exit 0" test "$rc" = 0 -a ! -e "$progdir/tandem.exe"
expect "tandem.db untouched by the MSI" test "$(sha256sum <"$db")" = "$dbsum"

echo "test-installer: $checks checks passed in $SECONDS s"
