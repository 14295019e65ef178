#!/usr/bin/env python3
"""How deep guest calls may nest. The interpreter allows what the module's
shadow stack allows (its initial stack pointer / 16 bytes, at least 65,536
calls) and --max-call-depth sets the limit; past it the guest traps with
"call stack exhausted" (status 134). Compiled code recurses on the host
thread's stack, and running out of it is a clean trap too, never a crash."""
import os
import subprocess
import sys
import tempfile

WASISHIM, WAT2WASM = sys.argv[1], sys.argv[2]
TRAP = 134

# $rec(n) nests n calls and returns n. The mutable i32 global is where wasm-ld
# puts __stack_pointer; with --stack-first its initial value is the stack size.
MODULE = """
(module
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const {stack}))
  (func $rec (export "rec") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
  ;; Work after the call (a store) so that no compiler can make it a loop.
  (func $forever (export "forever") (param i32) (result i32)
    (i32.store (i32.const 8) (call $forever (local.get 0)))
    (i32.load (i32.const 8)))
  (func (export "_start")))
"""

failures = []


def build(work, name, stack):
    wat, wasm = os.path.join(work, name + ".wat"), os.path.join(work, name + ".wasm")
    with open(wat, "w") as f:
        f.write(MODULE.format(stack=stack))
    subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
    return wasm


def run(env, *args):
    p = subprocess.run([WASISHIM, "run", *args], capture_output=True, text=True, timeout=600, env=env)
    return p.returncode, p.stdout.strip(), p.stderr


def expect_value(env, what, args, n):
    rc, out, err = run(env, *args)
    if rc != 0 or out != str(n):
        failures.append(f"{what}: status {rc}, printed {out!r}, expected {n}\n{err[-500:]}")


def expect_exhausted(env, what, args):
    rc, out, err = run(env, *args)
    if rc != TRAP or "call stack exhausted" not in err:
        failures.append(f"{what}: status {rc}, expected {TRAP} and 'call stack exhausted'\n{err[-500:]}")


with tempfile.TemporaryDirectory() as work:
    env = dict(os.environ, WASISHIM_CACHE_DIR=os.path.join(work, "cache"))
    one_mib = build(work, "one_mib", 1 << 20)
    eight_mib = build(work, "eight_mib", 8 << 20)
    interp = ["--aot=off"]
    # 1 MiB of stack: 65,536 calls of the smallest frame.
    expect_value(env, "interpreter, 1 MiB stack, 60,000 calls", interp + ["--invoke", "rec", one_mib, "60000"], 60000)
    expect_exhausted(env, "interpreter, 1 MiB stack, 70,000 calls", interp + ["--invoke", "rec", one_mib, "70000"])
    # 8 MiB: 524,288.
    expect_value(env, "interpreter, 8 MiB stack, 500,000 calls",
                 interp + ["--invoke", "rec", eight_mib, "500000"], 500000)
    # The option sets the limit either way.
    expect_value(env, "--max-call-depth 1000, 900 calls",
                 interp + ["--max-call-depth", "1000", "--invoke", "rec", one_mib, "900"], 900)
    expect_exhausted(env, "--max-call-depth 1000, 2000 calls",
                     interp + ["--max-call-depth", "1000", "--invoke", "rec", one_mib, "2000"])
    expect_value(env, "--max-call-depth 200000, 150,000 calls",
                 interp + ["--max-call-depth=200000", "--invoke", "rec", one_mib, "150000"], 150000)
    expect_exhausted(env, "interpreter, unbounded recursion", interp + ["--invoke", "forever", one_mib, "0"])
    # Compiled code: a deep but finite recursion returns, an unbounded one traps.
    expect_value(env, "aot, 60,000 calls", ["--aot", "--invoke", "rec", one_mib, "60000"], 60000)
    expect_exhausted(env, "aot, unbounded recursion", ["--aot", "--invoke", "forever", one_mib, "0"])
    rc, _, err = run(env, "--max-call-depth", "0", "--invoke", "rec", one_mib, "1")
    if rc != 126 or "max-call-depth" not in err:
        failures.append(f"--max-call-depth 0: status {rc}, expected 126\n{err}")

for f in failures:
    print("FAIL:", f)
print("ok: call depth" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
