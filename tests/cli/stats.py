#!/usr/bin/env python3
"""`wasishim run --stats` counts exactly the guest's WASI calls and bytes.

The module writes "hello" three times with fd_write, reads its fixture file
once with fd_read through path_open, and exits: 3 writes of 5 bytes, 1 read of
the file's 11 bytes, and 6 WASI calls (3 fd_write, path_open, fd_read,
proc_exit)."""
import os
import subprocess
import sys
import tempfile

WASISHIM, WAT2WASM = sys.argv[1], sys.argv[2]

MODULE = r"""
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello")
  (data (i32.const 16) "\00\00\00\00\05\00\00\00")      ;; iovec {0, 5}
  (data (i32.const 32) "\00\01\00\00\00\01\00\00")      ;; iovec {256, 256}
  (data (i32.const 48) "in.txt")
  (func (export "_start")
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 8)))
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 8)))
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 8)))
    ;; path_open(3, follow, "in.txt", 6, 0, fd_read, 0, 0, &fd@64)
    (if (call $open (i32.const 3) (i32.const 1) (i32.const 48) (i32.const 6) (i32.const 0)
                    (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64))
      (then (call $exit (i32.const 3))))
    (drop (call $read (i32.load (i32.const 64)) (i32.const 32) (i32.const 1) (i32.const 8)))
    (call $exit (i32.const 0))))
"""

EXPECTED = {"wasi_calls": 6, "write_calls": 3, "bytes_written": 15, "read_calls": 1, "bytes_read": 11}


def main():
    with tempfile.TemporaryDirectory() as work:
        wat, wasm = os.path.join(work, "m.wat"), os.path.join(work, "m.wasm")
        with open(wat, "w") as f:
            f.write(MODULE)
        subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
        sandbox = os.path.join(work, "sb")
        os.mkdir(sandbox)
        with open(os.path.join(sandbox, "in.txt"), "w") as f:
            f.write("eleven byte")
        p = subprocess.run([WASISHIM, "run", "--stats", "--dir", f"{sandbox}::/sb", wasm],
                           capture_output=True, text=True, timeout=60)
    got = {}
    for line in p.stderr.splitlines():
        parts = line.split()
        if line.startswith("wasishim: stats:") and len(parts) == 4:
            got[parts[2]] = int(parts[3])
    failures = 0
    if p.returncode != 0 or p.stdout != "hello" * 3:
        print(f"FAIL run: status {p.returncode}, stdout {p.stdout!r}, stderr {p.stderr!r}")
        failures += 1
    for name, want in EXPECTED.items():
        if got.get(name) != want:
            print(f"FAIL {name}: {got.get(name)}, expected {want}")
            failures += 1
        else:
            print(f"ok {name} {want}")
    print(f"{len(EXPECTED) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
