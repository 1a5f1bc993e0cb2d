#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the window end to end: Xvfb, a private D-Bus session with the accessibility bus, a fresh
# sample database, and the AT-SPI script that drives the window as a person would.
# Usage: run-e2e.sh SCRIPT OUT_DIR   (COMMUNITY_PLANNER, GSETTINGS_SCHEMA_DIR and
# COMMUNITY_PLANNER_LOCALEDIR come from the environment; see tests/e2e/meson.build)
set -euo pipefail

script=$1
out=$2
mkdir -p "$out"
db=$out/$(basename "$script" .py).db
rm -f "$db" "$db-wal" "$db-shm"
"$COMMUNITY_PLANNER" init "$db" --sample

unset NO_AT_BRIDGE
export GSETTINGS_BACKEND=memory
# Inside a private session bus: the accessibility bus launcher, started here and waited for (up to
# 60 s) until it owns org.a11y.Bus and gives its address; the address goes to the script and the
# window in AT_SPI_BUS_ADDRESS, so neither looks for the bus on the X root window nor asks D-Bus to
# start a second launcher (a fixed `sleep 1` was not always enough on a loaded machine).
exec "$(dirname "$0")/with-xvfb.sh" dbus-run-session -- bash -c '
  set -u
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  launcher=$!
  address=
  for _ in $(seq 1 300); do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner org.a11y.Bus 2>/dev/null | grep -q true; then
      address=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
                  --method org.a11y.Bus.GetAddress | sed -n "s/^(.\(.*\).,)\$/\1/p")
      [ -n "$address" ] && break
    fi
    kill -0 $launcher 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$address" ]; then
    echo "run-e2e.sh: the accessibility bus did not come up within 60 s" >&2
    kill $launcher 2>/dev/null
    exit 1
  fi
  export AT_SPI_BUS_ADDRESS=$address
  status=0
  /usr/bin/python3 "$0" --db "$1" --out "$2" || status=$?
  kill $launcher 2>/dev/null || true
  wait $launcher 2>/dev/null || true
  exit $status' "$script" "$db" "$out"
