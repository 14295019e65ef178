#!/usr/bin/env bash
# Installs everything wasishim needs on Debian 12, from Debian's archive and
# the npm registry only. Safe to run again: packages already present are kept.
set -euo pipefail

log() { printf '[install-deps] %s\n' "$*"; }
die() { printf '[install-deps] error: %s\n' "$*" >&2; exit 1; }

packages=(
  # guest toolchain: clang/wasm-ld 19, compiler-rt builtins, wasi-libc, libc++
  clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wasi-libc
  libc++-19-dev-wasm32 libc++abi-19-dev-wasm32
  # host: wabt interpreter library and wasm2c; tcc compiles the AOT engine's
  # quick tier (docs/aot.md)
  wabt tcc
  # build and test
  cmake ninja-build g++ python3 nodejs pkg-config make
  libgtest-dev libgmock-dev libbenchmark-dev
  # native verifiers for the real-program tests; LMDB's file format follows
  # the word size, so wasm32 environments are read by Debian's i386 mdb_stat
  # (fetched by tests/programs/fetch.py), which needs the 32-bit C library
  sqlite3 lmdb-utils libc6-i386
  # kernels without IA32 emulation cannot exec those i386 tools: qemu-user runs them
  qemu-user
  # sanitizer and fuzzer runtimes for the native host build
  libclang-rt-19-dev
  # build glue: wasishim-configure's current config.sub/config.guess; the
  # ports corpus unpacks Debian source packages (dpkg-source) and builds them
  # (tests/ports, docs/ports.md)
  # and bootstraps those that ship no configure script, as dh_autoreconf does
  autotools-dev dpkg-dev xz-utils autoconf automake libtool
)

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -E bash "$0" "$@"
  fi
  die "must run as root (or with sudo available) to install Debian packages"
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script supports Debian 12 only"

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  log "all ${#packages[@]} Debian packages already installed"
else
  log "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed: is the Debian archive reachable?"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  log "done"
fi

for tool in clang-19 wasm-ld-19 llvm-ar-19 wasm2c cmake ninja node; do
  command -v "$tool" >/dev/null 2>&1 || die "expected '$tool' on PATH after install, not found"
done
[ -f /usr/include/wasm32-wasi/wasi/api.h ] || die "wasi-libc headers missing (/usr/include/wasm32-wasi/wasi/api.h)"
log "toolchain ready: $(clang-19 --version | head -n1); wabt $(wasm2c --version 2>/dev/null || echo '?'); node $(node --version)"
