#!/bin/sh
# Builds examples/wordfreq with its own Makefile and `make CC=wasishim-cc`,
# runs the result under wasishim, and checks it matches the same program built
# natively with the same Makefile.
set -eu
prefix=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r "$source_dir/examples/wordfreq" "$work/wasm"
cp -r "$source_dir/examples/wordfreq" "$work/native"
make -s -C "$work/wasm" CC="$prefix/bin/wasishim-cc"
make -s -C "$work/native"
test -f "$work/wasm/wordfreq.wasm" || { echo "make CC=wasishim-cc produced no wordfreq.wasm"; exit 1; }
head -c 4 "$work/wasm/wordfreq.wasm" | od -An -tx1 | grep -q "00 61 73 6d" || { echo "wordfreq.wasm is not a wasm module"; exit 1; }

"$prefix/bin/wasishim" run --dir "$work/wasm/texts::/texts" "$work/wasm/wordfreq.wasm" -n 8 /texts > "$work/wasm.out"
(cd "$work/native" && ./wordfreq -n 8 texts) | sed 's#texts#/texts#' > "$work/native.out"
if ! diff -u "$work/native.out" "$work/wasm.out"; then
  echo "wordfreq built with make CC=wasishim-cc disagrees with the native build"
  exit 1
fi
echo "make CC=wasishim-cc: wordfreq.wasm agrees with native ($(wc -l < "$work/wasm.out") lines)"
