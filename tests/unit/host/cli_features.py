#!/usr/bin/env python3
"""wasishim's CLI features beyond running a command: caps, --invoke, --deny,
--deny-stub, --trace, proc_raise's exit status and trap locations. Modules are
assembled from text here with wat2wasm; expected outputs are written by hand
from the WASI and CLI specifications in docs/host.md."""
import os
import subprocess
import sys
import tempfile

WASISHIM, WAT2WASM = sys.argv[1], sys.argv[2]

REACTOR = r"""
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_raise" (func $raise (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  (data (i32.const 0) "\10\00\00\00\03\00\00\00")
  (data (i32.const 32) "victim")
  (global $n (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $n (i32.const 40)))
  (func (export "next") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 2))) (global.get $n))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
  (func (export "say") (result i32) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "unlink") (result i32) (call $unlink (i32.const 3) (i32.const 32) (i32.const 6)))
  (func (export "term") (result i32) (call $raise (i32.const 15)))
  (func $inner (unreachable))
  (func $outer (call $inner))
  (func (export "crash") (call $outer)))
"""


def main():
    failures = []

    def check(name, cond, detail=""):
        if not cond:
            failures.append(f"{name}: {detail}")

    with tempfile.TemporaryDirectory() as work:
        wat = os.path.join(work, "r.wat")
        wasm = os.path.join(work, "r.wasm")
        with open(wat, "w") as f:
            f.write(REACTOR)
        subprocess.run([WAT2WASM, "--debug-names", wat, "-o", wasm], check=True)
        sandbox = os.path.join(work, "sb")
        os.mkdir(sandbox)

        # The ahead-of-time engine's cache stays inside this test's directory.
        env = dict(os.environ, WASISHIM_CACHE_DIR=os.path.join(work, "aot-cache"))

        def run(*args):
            return subprocess.run([WASISHIM, *args], capture_output=True, text=True, timeout=120, env=env)

        # caps: each import under its group.
        p = run("caps", wasm)
        check("caps status", p.returncode == 0, p.stderr)
        lines = p.stdout.splitlines()
        check("caps kind", "reactor" in lines[0], lines[0] if lines else "")
        grouped = {l.split()[0]: l.split()[1:] for l in lines[1:] if l.startswith("  ") and not l.startswith("   ")}
        check("caps fd-write", grouped.get("fd-write") == ["fd_write"], str(grouped))
        check("caps fs-delete", grouped.get("fs-delete") == ["path_unlink_file"], str(grouped))
        check("caps clocks", grouped.get("clocks") == ["clock_time_get"], str(grouped))
        check("caps process", grouped.get("process") == ["proc_raise"], str(grouped))

        # --invoke: _initialize runs first; values parsed per signature.
        p = run("run", "--invoke", "next", wasm)
        check("invoke after _initialize", p.returncode == 0 and p.stdout == "42\n", repr(p.stdout) + p.stderr)
        p = run("run", "--invoke", "add64", wasm, "9007199254740993", "-3")
        check("invoke i64", p.stdout == "9007199254740990\n", repr(p.stdout) + p.stderr)
        p = run("run", "--invoke", "neg", wasm, "7")
        check("invoke i32 negative result", p.stdout == "-7\n", repr(p.stdout))
        p = run("run", "--invoke", "half", wasm, "5")
        check("invoke f64", p.stdout == "2.5\n", repr(p.stdout))
        p = run("run", "--invoke", "say", wasm)
        check("invoke with WASI output", p.stdout == "hi\n0\n", repr(p.stdout))
        p = run("run", "--invoke", "missing", wasm)
        check("invoke missing export", p.returncode == 126 and "missing" in p.stderr, p.stderr)
        p = run("run", "--invoke", "neg", wasm, "seven")
        check("invoke bad value", p.returncode == 126 and "seven" in p.stderr, p.stderr)
        p = run("run", "--invoke", "neg", wasm)
        check("invoke wrong arity", p.returncode == 126, p.stderr)

        # --deny refuses, naming the import; --deny-stub answers notcapable (76).
        victim = os.path.join(sandbox, "victim")
        open(victim, "w").close()
        p = run("run", "--dir", sandbox, "--deny", "fs-delete", "--invoke", "unlink", wasm)
        check("deny refuses", p.returncode == 126 and "path_unlink_file" in p.stderr, p.stderr)
        p = run("run", "--dir", sandbox, "--deny", "clocks,fs-delete", "--deny-stub", "--invoke", "unlink", wasm)
        check("deny-stub", p.returncode == 0 and p.stdout == "76\n", repr(p.stdout) + p.stderr)
        check("deny-stub kept the file", os.path.exists(victim))
        p = run("run", "--dir", sandbox, "--deny", "path_unlink_file", "--invoke", "unlink", wasm)
        check("deny by function name", p.returncode == 126, p.stderr)
        p = run("run", "--deny", "no-such-group", "--invoke", "next", wasm)
        check("deny unknown group", p.returncode == 126 and "no-such-group" in p.stderr, p.stderr)

        # --trace to a file: the call, its decoded path and the result.
        log = os.path.join(work, "trace.log")
        p = run("run", "--dir", sandbox, f"--trace={log}", "--invoke", "unlink", wasm)
        check("trace run", p.returncode == 0 and p.stdout == "0\n", p.stderr)
        with open(log) as f:
            trace = f.read()
        check("trace line", 'path_unlink_file(fd=3, path=0x20 "victim", path_len=6) = success' in trace, trace)
        check("trace effect", not os.path.exists(victim))
        p = run("run", "--trace", "--invoke", "unlink", wasm)
        check("trace to stderr", "path_unlink_file" in p.stderr and "= badf" in p.stderr, p.stderr)

        # Tracing and policy live in the dispatch layer, so the ahead-of-time
        # engine shows the same trace line and honours the same stub.
        open(victim, "w").close()
        p = run("run", "--aot", "--dir", sandbox, "--trace", "--deny", "fs-delete", "--deny-stub",
                "--invoke", "unlink", wasm)
        check("aot trace and stub", p.returncode == 0 and p.stdout == "76\n" and
              'path_unlink_file(fd=3, path=0x20 "victim", path_len=6) = notcapable (denied by policy)' in p.stderr,
              f"{p.returncode} {p.stdout!r} {p.stderr}")

        # proc_raise(SIGTERM) ends the guest: 128 + 15.
        p = run("run", "--invoke", "term", wasm)
        check("raise status", p.returncode == 143 and "SIGTERM" in p.stderr, f"{p.returncode} {p.stderr}")

        # A trap names the innermost guest function: in the interpreter, and in
        # the default engine's first run (the quick tier, which never inlines;
        # optimized code may name the function a callee was inlined into, see
        # docs/aot.md), so with a cache of its own.
        for engine, extra_env in (("--engine=interp", {}),
                                  ("--engine=auto", {"WASISHIM_CACHE_DIR": os.path.join(work, "fresh-cache"),
                                                     "WASISHIM_AOT_BACKGROUND": "0"})):
            p = subprocess.run([WASISHIM, "run", engine, "--invoke", "crash", wasm], capture_output=True,
                               text=True, timeout=120, env=dict(env, **extra_env))
            check(f"trap location ({engine})",
                  p.returncode == 134 and "unreachable" in p.stderr and "in function inner" in p.stderr, p.stderr)

    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
