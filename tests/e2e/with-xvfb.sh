#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command under its own Xvfb. `xvfb-run -a` picks the lowest free display, so a test that
# starts right after another may take the number whose server is still going away, and its window
# then "cannot open display". Start from a number of our own and skip any in use.
set -euo pipefail

n=$((100 + $$ % 800))
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do
  n=$((n + 1))
done
exec xvfb-run -n "$n" -s "-screen 0 1280x800x24" "$@"
