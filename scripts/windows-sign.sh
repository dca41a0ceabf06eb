#!/usr/bin/env bash
# Signs one Windows file in place with osslsigncode (Authenticode, SHA-256).
#   SIGN_PFX=cert.pfx SIGN_PASS=… [SIGN_TIMESTAMP_URL=http://…] scripts/windows-sign.sh FILE
# Without SIGN_TIMESTAMP_URL there is no timestamp (works offline); the
# signature then stops being valid when the certificate expires.
set -euo pipefail
file="$1"
: "${SIGN_PFX:?SIGN_PFX: the .pfx file with certificate and key}"
: "${SIGN_PASS?SIGN_PASS: the password of the .pfx file}"
passfile="$(mktemp)"
trap 'rm -f "$passfile" "$file.signed"' EXIT
chmod 600 "$passfile"
printf '%s' "$SIGN_PASS" >"$passfile" # not on the command line, where ps would show it
args=(sign -pkcs12 "$SIGN_PFX" -readpass "$passfile" -h sha256 -n Tandem)
if [ -n "${SIGN_TIMESTAMP_URL:-}" ]; then args+=(-ts "$SIGN_TIMESTAMP_URL"); fi
osslsigncode "${args[@]}" -in "$file" -out "$file.signed" >/dev/null
mv "$file.signed" "$file"
echo "signiert: $file"
