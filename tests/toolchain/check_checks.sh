#!/bin/sh
# Configures tests/toolchain/checks natively and with wasishim's toolchain
# file: every configuration check must come out as on Linux (the oracle),
# try_run must run the module, and ctest must run a test under the emulator.
#   check_checks.sh PREFIX SOURCE_DIR
set -eu
prefix=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
proj=$source_dir/tests/toolchain/checks

configure() {  # BUILD_DIR [ARGS...]
  dir=$1; shift
  cmake -S "$proj" -B "$dir" -G Ninja "$@" >"$dir.log" 2>&1 || { cat "$dir.log"; exit 1; }
}
configure "$work/native"
configure "$work/wasm" -DCMAKE_TOOLCHAIN_FILE="$prefix/share/wasishim/wasi.cmake"

grep -q "wasishim-exec.*cwd_env.wasm" "$work/wasm/CTestTestfile.cmake" \
  || { echo "the toolchain file set no wasishim-exec emulator for add_test"; exit 1; }
# try_run's output names its own build; the rest must be identical.
if ! diff -u "$work/native/results.txt" "$work/wasm/results.txt"; then
  echo "configuration checks under wasishim's toolchain differ from Linux's"
  exit 1
fi
grep -qx "TRY_RUN_STATUS=7" "$work/wasm/results.txt" || { echo "try_run did not return 7"; exit 1; }
grep -qx "HAVE_REALPATH=1" "$work/wasm/results.txt" || { echo "realpath not found"; exit 1; }
echo "configuration checks agree with Linux:"
sed 's/^/  /' "$work/wasm/results.txt"

for b in native wasm; do
  cmake --build "$work/$b" >"$work/$b.build.log" 2>&1 || { cat "$work/$b.build.log"; exit 1; }
  ctest --test-dir "$work/$b" --output-on-failure || { echo "ctest failed in the $b build"; exit 1; }
done
echo "ctest runs the wasm test under the emulator: ok"
