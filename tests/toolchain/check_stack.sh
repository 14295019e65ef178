#!/bin/sh
# The safe stack of every guest link (docs/porting.md): built with wasishim-cc
# and with the CMake toolchain file, a program has at least 1 MiB of stack,
# placed first in linear memory, so that running past it traps on every
# host instead of overwriting static data; -Wl,-z,stack-size=N overrides the
# size. Hosts: wasishim's interpreter, its AOT engine, and Node's WASI.
#   check_stack.sh PREFIX SOURCE_DIR [NODE]
set -eu
prefix=$1
source_dir=$2
node=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$source_dir/tests/toolchain/stack/recurse.c
cc=$prefix/bin/wasishim-cc
fails=0

"$cc" -O1 "$src" -o "$work/default.wasm"
"$cc" -O1 "$src" -o "$work/small.wasm" -Wl,-z,stack-size=131072
# The same through the toolchain file, as a CMake project links it.
mkdir "$work/proj"
cat > "$work/proj/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(stack C)
add_executable(recurse "$src")
CMAKE
cmake -S "$work/proj" -B "$work/proj/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$prefix/share/wasishim/wasi.cmake" >"$work/cmake.log" 2>&1 \
  && cmake --build "$work/proj/build" >>"$work/cmake.log" 2>&1 \
  || { cat "$work/cmake.log"; exit 1; }
cp "$work/proj/build/recurse.wasm" "$work/cmake.wasm"

# run HOST MODULE KIB -> prints "status<TAB>stdout"
run() {
  case $1 in
    interp) "$prefix/bin/wasishim" run --engine=interp "$2" "$3" ;;
    aot) WASISHIM_CACHE_DIR=$work/aot "$prefix/bin/wasishim" run --aot "$2" "$3" ;;
    node) "$node" --no-warnings "$source_dir/tests/node_run.mjs" "$2" "$3" ;;
  esac
}

expect() {  # HOST MODULE KIB ok|trap
  set +e
  out=$(run "$1" "$work/$2.wasm" "$3" 2>"$work/err")
  status=$?
  set -e
  case $4 in
    ok) want="used $3 KiB of stack, static data intact"
        if [ $status -ne 0 ] || [ "$out" != "$want" ]; then
          echo "FAIL $1 $2 $3 KiB: expected success, got status $status, output '$out'"; cat "$work/err"
          fails=$((fails + 1)); return
        fi ;;
    trap)
        # A trap is reported as status 134 by every host; "corrupted" or a
        # clean exit would mean the stack ran into static data.
        if [ $status -ne 134 ] || [ -n "$out" ]; then
          echo "FAIL $1 $2 $3 KiB: expected a trap (134, no output), got status $status, output '$out'"
          cat "$work/err"; fails=$((fails + 1)); return
        fi ;;
  esac
  echo "ok   $1 $2 $3 KiB: $4"
}

hosts="interp aot"
[ -n "$node" ] && hosts="$hosts node"
for h in $hosts; do
  for m in default cmake; do
    expect $h $m 960 ok       # within the 1 MiB default
    expect $h $m 1100 trap    # past it
  done
  expect $h small 96 ok
  expect $h small 160 trap    # past the 128 KiB the link asked for
done
[ $fails -eq 0 ] || { echo "$fails stack check(s) failed"; exit 1; }
echo "safe stack: all checks passed"
