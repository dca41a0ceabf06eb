#!/usr/bin/env bash
# Starts the production build of Tandem under Xvfb on a fresh database and
# checks that its window really appears: a top-level window named exactly
# "Tandem" is mapped, neither a screenshot of the screen nor a picture of
# the window alone is one flat colour (the page rendered), the database
# file was created, and the app ends on SIGTERM.
#
#   scripts/window-test.sh build/bin/tandem
#
# Leaves the screenshot in build/window-test.png. Needs xvfb (xvfb-run),
# x11-utils (xwininfo) and imagemagick (import, identify).
set -euo pipefail

die() { echo "window test FAILED: $*" >&2; exit 1; }

if [ $# -ne 1 ]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi

# Outer call: re-run this script inside its own X server, so the test never
# depends on (or disturbs) a real display.
if [ -z "${TANDEM_WINDOW_TEST_INNER:-}" ]; then
  for tool in xvfb-run xwininfo import identify; do
    command -v "$tool" >/dev/null || die "$tool is missing (run scripts/install-deps.sh)"
  done
  [ -x "$1" ] || die "$1 is not an executable file (build it with 'make build')"
  bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  export TANDEM_WINDOW_TEST_INNER=1
  exec xvfb-run -a --server-args="-screen 0 1400x900x24" "$0" "$bin"
fi

# Inner call: DISPLAY is the Xvfb server xvfb-run started.
bin=$1
cd "$(dirname "$0")/.."
shot=build/window-test.png
window_name=Tandem
timeout_s=30

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-window-test.XXXXXX")
export TANDEM_DB=$tmp/tandem.db
log=$tmp/app.log
pid=""

show_log() {
  echo "--- app output ($bin) ---" >&2
  if [ -s "$log" ]; then cat "$log" >&2; else echo "(none)" >&2; fi
  echo "--- end of app output ---" >&2
}

# stop_app: SIGTERM, up to 10 s to finish, then SIGKILL. Sets app_rc.
app_rc=""
stop_app() {
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "window test: app did not end within 10 s of SIGTERM, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  app_rc=0
  wait "$pid" 2>/dev/null || app_rc=$?
  pid=""
}

cleanup() {
  stop_app
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The id of a mapped top-level window whose name is exactly $window_name.
find_window() {
  local id
  for id in $(xwininfo -root -children 2>/dev/null |
    sed -nE "s/^[[:space:]]+(0x[0-9a-f]+) \"${window_name}\": .*/\1/p"); do
    if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      echo "$id"
      return 0
    fi
  done
  return 1
}

start=$(now_ms)
"$bin" >"$log" 2>&1 &
pid=$!

win=""
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0; wait "$pid" || rc=$?; pid=""
    show_log
    die "the app exited with code $rc before its window appeared"
  fi
  if win=$(find_window); then break; fi
  if (( $(now_ms) - start > timeout_s * 1000 )); then
    echo "top-level windows on $DISPLAY:" >&2
    xwininfo -root -children >&2 || true
    show_log
    die "no window named '$window_name' appeared within ${timeout_s} s"
  fi
  sleep 0.1
done
elapsed_ms=$(( $(now_ms) - start ))
appeared=$(printf '%d.%d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)))

sleep 2 # let WebKit render the first page
if ! kill -0 "$pid" 2>/dev/null; then
  rc=0; wait "$pid" || rc=$?; pid=""
  show_log
  die "the app exited with code $rc right after its window appeared"
fi

mkdir -p "$(dirname "$shot")"
rm -f "$shot"
import -window root "$shot" || { show_log; die "import could not take a screenshot"; }
[ -s "$shot" ] || die "the screenshot $shot is empty"
colours=$(identify -format '%k' "$shot") || die "identify cannot read $shot"
stddev=$(identify -format '%[fx:standard_deviation]' "$shot")
if [ "$colours" -le 1 ] || ! awk -v s="$stddev" 'BEGIN { exit !(s > 0) }'; then
  show_log
  die "the screenshot $shot is one flat colour ($colours colour(s), standard deviation $stddev)"
fi

# The whole screen always has two colours (black root, the window); the
# window alone must not be one flat colour either, or the page did not render.
import -window "$win" "$tmp/window.png" || { show_log; die "import could not take a picture of window $win"; }
win_colours=$(identify -format '%k' "$tmp/window.png") || die "identify cannot read the picture of window $win"
if [ "$win_colours" -le 1 ]; then
  cp "$tmp/window.png" build/window-test-window.png
  show_log
  die "the window is one flat colour: the page did not render (see $shot and build/window-test-window.png)"
fi

[ -s "$TANDEM_DB" ] || { show_log; die "the app did not create its database $TANDEM_DB"; }

stop_app
case "$app_rc" in
  0 | 143) ;; # 143: ended by SIGTERM without a handler — still a clean end
  *) echo "window test: note: the app ended with code $app_rc after SIGTERM" >&2 ;;
esac

echo "window test ok: window '$window_name' appeared after ${appeared}s, screenshot $shot"
