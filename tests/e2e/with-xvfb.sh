#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command under an Xvfb of its own: with-xvfb.sh COMMAND [ARG...]
#
# Why not xvfb-run: the window's test failed 1 run in 3 under load with "cannot open display: :N".
# The cause was not the display number but the server's reset: an X server without -noreset resets
# itself whenever its last client disconnects, and refuses connections while it does. In the test
# the AT-SPI library of the Python script connects to read the root window's AT_SPI_BUS property
# and disconnects again, just as the window is starting: when the window's XOpenDisplay fell into
# the reset it failed ("cannot open display"), and the test then timed out waiting for it on the
# accessibility bus. (Measured with two xdpyinfo at a time against a bare Xvfb: 15 failed
# connections in 200 without -noreset, 0 in 200 with it.) xvfb-run cannot pass -noreset with an
# automatic number, and guessing a number races with any other X server started at the same time.
#
# So: Xvfb -noreset picks a free display itself (-displayfd) and writes it once it accepts
# connections; we wait for that (bounded), with a cookie of our own, no TCP, and stop the server
# (and wait for it to go) when the command is done.
set -euo pipefail

tmp=$(mktemp -d -t with-xvfb.XXXXXX)
xvfb=
cleanup() {
  if [ -n "$xvfb" ]; then
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The server reads every cookie of its -auth file whatever display it is written for; clients
# look theirs up by number, which we know only once the server is up.
cookie=$(mcookie)
xauth -q -f "$tmp/server-auth" add :0 . "$cookie" 2>/dev/null
mkfifo "$tmp/display"
Xvfb -displayfd 3 -noreset -nolisten tcp -auth "$tmp/server-auth" -screen 0 1280x800x24 \
  3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!

n=
if ! read -r -t 60 n <"$tmp/display" || [ -z "$n" ]; then
  echo "with-xvfb.sh: Xvfb did not start within 60 s:" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi
export XAUTHORITY=$tmp/Xauthority
xauth -q add ":$n" . "$cookie" 2>/dev/null
export DISPLAY=:$n
# The accessibility bus launcher names its socket after the display; keep it and anything else a
# session puts in the runtime directory private to this run.
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -m 0700 "$XDG_RUNTIME_DIR"

status=0
"$@" || status=$?
exit $status
