#!/bin/sh
# A user's explicit -lc must not put wasi-libc's objects ahead of the shim's:
# wasishim-cc moves it after the shim libraries, so abort() is the shim's
# (which raises SIGABRT) and the link has no duplicate symbols. The oracle is
# the same program built natively.
#   check_libc_order.sh PREFIX SOURCE_DIR
set -eu
prefix=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$source_dir/tests/toolchain/libc_order/abort_handler.c

cc -o "$work/native" "$src"
set +e
want=$("$work/native"); want_status=$?
set -e

fails=0
for flags in "-lc" "-lc -lm" "-Wl,--no-gc-sections -lc"; do
  # shellcheck disable=SC2086
  if ! "$prefix/bin/wasishim-cc" -O1 "$src" -o "$work/prog.wasm" $flags 2>"$work/link.log"; then
    echo "FAIL: wasishim-cc ... $flags does not link:"; cat "$work/link.log"
    fails=$((fails + 1)); continue
  fi
  set +e
  got=$("$prefix/bin/wasishim" run --engine=interp "$work/prog.wasm"); status=$?
  set -e
  if [ "$got" != "$want" ] || [ $status -ne $want_status ]; then
    echo "FAIL $flags: got status $status, output '$got'; native: $want_status, '$want'"
    fails=$((fails + 1))
  else
    echo "ok $flags: status $status, '$got' as natively"
  fi
done
[ $fails -eq 0 ]
