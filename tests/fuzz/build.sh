#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer target over the importer: tests/fuzz/build.sh [BUILD_DIR]
# (default _build-fuzz, beside the other build folders). Not part of `make test`; see README.md.
# The core library is built by meson with clang, AddressSanitizer and UBSan and libFuzzer's
# coverage (-fsanitize=fuzzer-no-link); the target links it with -fsanitize=fuzzer.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/_build-fuzz}
case $build in /*) ;; *) build=$top/$build ;; esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
    meson setup "$build" "$top" -Db_sanitize=address,undefined -Db_lundef=false \
    -De2e=false --buildtype=debugoptimized
fi
ninja -C "$build" src/core/libcp-core.a

# shellcheck disable=SC2046  # pkg-config's flags are words
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$build" -I"$top/src/core" -I"$top/src/core/region" -I"$top/src/core/facility" \
  -I"$build/resources" \
  "$here/fuzz-import.c" "$build/src/core/libcp-core.a" \
  $(pkg-config --cflags --libs gio-2.0 glib-2.0 sqlite3) -lm \
  -o "$build/fuzz-import"
# The seed corpus: every CSV of tests/data once for each kind (the input's first byte), and the
# inputs of regressions/.
corpus=$build/fuzz-corpus
mkdir -p "$corpus"
for csv in "$top"/tests/data/*.csv; do
  for kind in 0 1 2; do
    { printf "\\$kind"; cat "$csv"; } >"$corpus/$kind-$(basename "$csv")"
  done
done
# Inputs that once crashed it stay in the corpus.
cp "$here"/regressions/* "$corpus"/
echo "built $build/fuzz-import; seed corpus $corpus ($(ls "$corpus" | wc -l) files)"
