#!/bin/sh
# A user's view of the toolchain: an independent CMake project configured with
# the installed-layout toolchain file and find_package(wasishim), and a
# pkg-config build, each run under wasishim.
set -eu
prefix=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/sandbox"

cmake -S "$source_dir/tests/toolchain/consumer" -B "$work/build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$prefix/share/wasishim/wasi.cmake" >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
out=$("$prefix/bin/wasishim" run --dir "$work/sandbox::/s" "$work/build/consumer.wasm" /s)
[ "$out" = "wrote 29 bytes" ] || { echo "cmake consumer printed: $out"; exit 1; }
[ "$(cat "$work/sandbox/consumer.txt")" = "built by a wasishim consumer" ] || { echo "cmake consumer left wrong file"; exit 1; }
echo "find_package(wasishim): ok"

rm -f "$work/sandbox/consumer.txt"
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs wasishim)
# shellcheck disable=SC2086
clang-19 $flags "$source_dir/tests/toolchain/consumer/main.c" -o "$work/pc.wasm"
out=$("$prefix/bin/wasishim" run --dir "$work/sandbox::/s" "$work/pc.wasm" /s)
[ "$out" = "wrote 29 bytes" ] || { echo "pkg-config build printed: $out"; exit 1; }
[ -f "$work/sandbox/consumer.txt" ] || { echo "pkg-config build left no file"; exit 1; }
echo "pkg-config wasishim: ok"

# wasishim-cc predefines what the toolchain file and pkg-config do, and
# `unix`, which is not reserved to the implementation, stays the program's.
macros=$("$prefix/bin/wasishim-cc" -dM -E -x c /dev/null)
for m in __unix__ __unix __wasi__; do
  printf '%s\n' "$macros" | grep -q "^#define $m 1\$" || { echo "wasishim-cc does not predefine $m"; exit 1; }
done
if printf '%s\n' "$macros" | grep -q '^#define unix '; then echo "wasishim-cc defines unix"; exit 1; fi
echo "wasishim-cc predefined macros: ok"

# ELF-only linker options of a package's Linux link line (Debian's Lua:
# -Wl,--version-script) are dropped, their argument too when it comes in
# the next -Wl list (libtool's `-Wl,-rpath -Wl,DIR`, SQLite's programs); the
# rest of each -Wl list is kept.
printf '{ global: *; };\n' >"$work/version-script"
rm -f "$work/sandbox/consumer.txt"
"$prefix/bin/wasishim-cc" "$source_dir/tests/toolchain/consumer/main.c" -o "$work/elf-flags.wasm" \
  -Wl,--version-script,"$work/version-script" -Wl,-rpath,/usr/lib,--as-needed -Wl,--no-undefined \
  -Wl,-Bsymbolic-functions,--hash-style=gnu -Wl,-z,relro,-z,stack-size=2097152 -pthread \
  -Wl,-rpath -Wl,/usr/local/lib
out=$("$prefix/bin/wasishim" run --dir "$work/sandbox::/s" "$work/elf-flags.wasm" /s)
[ "$out" = "wrote 29 bytes" ] || { echo "a link with ELF-only options printed: $out"; exit 1; }
# The -z stack-size that shared a list with dropped options was kept: the
# stack pointer starts at 2 MiB.
wasm-objdump -x "$work/elf-flags.wasm" | grep -q '<__stack_pointer> - init i32=2097152$' \
  || { echo "the -Wl list lost its -z stack-size"; exit 1; }
# -pthread made no shared memory (no wasm threads), and a link of an object
# compiled without it with -pthread works.
if wasm-objdump -x "$work/elf-flags.wasm" | grep -q 'shared'; then echo "-pthread made a shared memory"; exit 1; fi
"$prefix/bin/wasishim-cc" -c "$source_dir/tests/toolchain/consumer/main.c" -o "$work/main.o"
"$prefix/bin/wasishim-cc" -pthread "$work/main.o" -o "$work/pthread-link.wasm"
echo "ELF-only linker options: ok"
