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
db=$out/e2e-sample.db
rm -f "$db" "$db-wal" "$db-shm"
"$COMMUNITY_PLANNER" init "$db" --sample

unset NO_AT_BRIDGE
export GSETTINGS_BACKEND=memory
exec "$(dirname "$0")/with-xvfb.sh" dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  launcher=$!
  sleep 1
  status=0
  /usr/bin/python3 "$0" --db "$1" --out "$2" || status=$?
  kill $launcher 2>/dev/null || true
  exit $status' "$script" "$db" "$out"
