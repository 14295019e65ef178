#!/bin/sh
# wasishim_add_aot in a consumer project: the build makes the object, the
# object runs on its own, and a second build does nothing.
# usage: helper_test.sh WASISHIM MODULE.wasm SOURCE_DIR
set -eu
wasishim=$1 module=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$src/tests/aot/helper" -B "$work/build" -DCMAKE_MODULE_PATH="$src/cmake" \
  -DWASISHIM="$wasishim" -DMODULE="$module" >/dev/null
cmake --build "$work/build" >/dev/null
object=$(cat "$work/build/aot-file.txt")
test -f "$object" || { echo "FAIL: no object at $object"; exit 1; }
out=$(WASISHIM_CACHE_DIR="$work/cache" "$wasishim" run --invoke say "$object")
test "$out" = "hello from wasm
16" || { echo "FAIL: running $object printed '$out'"; exit 1; }
test ! -e "$work/cache" || { echo "FAIL: running the object used the cache"; exit 1; }
before=$(stat -c %Y.%s "$object")
sleep 1
cmake --build "$work/build" >/dev/null
test "$(stat -c %Y.%s "$object")" = "$before" || { echo "FAIL: second build recompiled"; exit 1; }
echo "ok: wasishim_add_aot"
