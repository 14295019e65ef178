#!/usr/bin/env python3
"""`wasishim compile` and `wasishim run --aot` from the command line: the two
engines give the same output and exit statuses, the cache is hit on the second
run (no compiler run, object untouched), objects run on their own, and a module
wasm2c cannot translate fails clearly under --aot and falls back under
--aot=auto."""
import argparse
import glob
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what + (("\n" + detail) if detail else ""))


def run_with_tty_stderr(cmd, env):
    """Runs cmd with stderr on a pseudo-terminal; (status, what it wrote there)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 240)
        if not ready:
            p.kill()
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return p.wait(), b"".join(chunks).decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--modules", required=True)
    opts = ap.parse_args()
    work = tempfile.mkdtemp(prefix="wasishim-aot-cli-")
    env = dict(os.environ, WASISHIM_CACHE_DIR=os.path.join(work, "cache"))
    engines = os.path.join(opts.modules, "engines.wasm")
    simd = os.path.join(opts.modules, "simd.wasm")

    def run(*args, extra_env=None, cwd=None):
        e = dict(env, **(extra_env or {}))
        p = subprocess.run([opts.wasishim, *args], capture_output=True, text=True, env=e, timeout=240,
                           cwd=cwd)
        return p.returncode, p.stdout, p.stderr

    # First --aot run compiles, second hits the cache. Compiling leaves nothing
    # in the current directory (for a guest test, that is the sandbox).
    here = os.path.join(work, "cwd")
    os.makedirs(here)
    rc, out, err = run("run", "--aot", "--verbose", engines, cwd=here)
    check(os.listdir(here) == [], f"compiling left files in the current directory: {os.listdir(here)}")
    check(rc == 0, f"first --aot run: status {rc}", err)
    check("compiling" in err, "first --aot run did not report compiling", err)
    objects = glob.glob(os.path.join(work, "cache", "*.aot"))
    check(len(objects) == 1, f"expected one cached object, found {objects}")
    # Its inode and bytes: a cache hit marks the object as used (its mtime, the
    # cache's LRU clock) but never rewrites it.
    identity = (os.stat(objects[0]).st_ino, open(objects[0], "rb").read()) if objects else None
    rc, out, err = run("run", "--aot", "--verbose", engines)
    check(rc == 0, f"second --aot run: status {rc}", err)
    check("cache hit" in err and "compiling" not in err, "second --aot run did not hit the cache", err)
    if objects:
        check((os.stat(objects[0]).st_ino, open(objects[0], "rb").read()) == identity,
              "the cached object was rewritten")

    # Same stdout and status under both engines.
    for args, want_rc in ((["--invoke", "say", engines], 0),
                          (["--invoke", "exit", engines, "7"], 7),
                          (["--invoke", "div", engines, "1", "0"], 134),
                          (["--invoke", "load", engines, "70000"], 134),
                          (["--invoke", "pair", engines, "21"], 0)):
        i = run("run", *args)
        a = run("run", "--aot", *args)
        check(i[0] == want_rc, f"interpreter {args}: status {i[0]}, expected {want_rc}", i[2])
        check(a[0] == i[0] and a[1] == i[1],
              f"{args}: aot (status {a[0]}, stdout {a[1]!r}) differs from interpreter "
              f"(status {i[0]}, stdout {i[1]!r})", a[2])
    rc, out, err = run("run", "--aot", "--invoke", "div", engines, "1", "0")
    check("trap: integer divide by zero" in err, "aot trap not reported", err)

    # An object made ahead of time runs by itself, without the cache.
    obj = os.path.join(work, "engines.aot")
    rc, out, err = run("compile", engines, "-o", obj)
    check(rc == 0 and os.path.exists(obj), f"compile: status {rc}", err)
    rc, out, err = run("run", "--verbose", "--invoke", "say", obj,
                       extra_env={"WASISHIM_CACHE_DIR": os.path.join(work, "no-cache")})
    check(rc == 0 and out == "hello from wasm\n16\n", f"running {obj}: status {rc}, stdout {out!r}", err)
    check(not os.path.exists(os.path.join(work, "no-cache")), "running an object touched the cache")
    # ... also when named relative to the current directory, without a slash.
    rc, out, err = run("run", "--invoke", "say", "engines.aot", cwd=work)
    check(rc == 0 and out == "hello from wasm\n16\n", f"running engines.aot from its directory: status {rc}", err)

    # wasm2c 1.0.32 aborts on SIMD: --aot fails naming the reason, --aot=auto
    # falls back with a one-line note.
    rc, out, err = run("run", "--aot", simd)
    check(rc == 126 and "SIMD" in err, f"--aot on a SIMD module: status {rc}", err)
    rc, out, err = run("run", "--aot=auto", simd)
    lines = err.splitlines()
    check(rc == 0 and len(lines) == 1 and lines[0].startswith("wasishim: note: running in the interpreter"),
          f"--aot=auto on a SIMD module: status {rc}", err)
    # The default engine needs no flag to cope: the interpreter, quietly.
    rc, out, err = run("run", simd)
    check(rc == 0 and err == "", f"default engine on a SIMD module: status {rc}", err)
    bad = os.path.join(work, "simd.aot")
    rc, out, err = run("compile", simd, "-o", bad)
    check(rc == 126 and not os.path.exists(bad), f"compile of a SIMD module: status {rc}", err)
    check(not glob.glob(os.path.join(work, ".wasishim-aot-*")), "compile left its work directory behind")

    # f64.sqrt and f32.sqrt compile (the object links libm) and agree with the
    # interpreter.
    sqrt = os.path.join(opts.modules, "sqrt.wasm")
    for fn, arg, want in (("sqrt64", "2", "1.4142135623730951"), ("sqrt32", "2", "1.41421354")):
        rc, out, err = run("run", "--aot", "--invoke", fn, sqrt, arg)
        check(rc == 0 and out == want + "\n", f"--aot {fn}({arg}): status {rc}, printed {out!r}", err)
        i = run("run", "--aot=off", "--invoke", fn, sqrt, arg)
        check(i[1] == out, f"{fn}: interpreter printed {i[1]!r}, aot {out!r}")

    # A slow compile shows progress only with --verbose or on a terminal:
    # programs' test suites compare stderr, and a cold cache must not change it.
    slow_cc = os.path.join(work, "slow-cc")
    with open(slow_cc, "w") as f:
        f.write("#!/bin/sh\nsleep 6\nexec cc \"$@\"\n")
    os.chmod(slow_cc, 0o755)
    slow = {"WASISHIM_CC": slow_cc, "WASISHIM_CACHE_DIR": os.path.join(work, "slow-cache-1")}
    rc, out, err = run("run", "--aot", "--invoke", "say", engines, extra_env=slow)
    check(rc == 0 and err == "", f"slow compile, stderr a pipe, no --verbose: status {rc}, stderr {err!r}")
    slow["WASISHIM_CACHE_DIR"] = os.path.join(work, "slow-cache-2")
    rc, err = run_with_tty_stderr([opts.wasishim, "run", "--aot", "--invoke", "say", engines], dict(env, **slow))
    check(rc == 0 and "compiling to native code" in err,
          f"slow compile, stderr a terminal: status {rc}, no progress shown: {err!r}")

    # Missing tools are named.
    rc, out, err = run("run", "--aot", engines, extra_env={"WASISHIM_WASM2C": "/nonexistent/wasm2c"})
    check(rc == 126 and "wasm2c" in err and "not found" in err, f"missing wasm2c: status {rc}", err)
    rc, out, err = run("run", "--aot", engines, extra_env={"WASISHIM_CC": "/nonexistent/cc"})
    check(rc == 126 and "C compiler" in err, f"missing cc: status {rc}", err)
    # Without tcc the default engine runs the interpreter (and says why with
    # --verbose), rather than failing or waiting for the optimized compile.
    no_tcc = {"WASISHIM_TCC": "/nonexistent/tcc", "WASISHIM_CACHE_DIR": os.path.join(work, "no-tcc"),
              "WASISHIM_AOT_BACKGROUND": "0"}
    rc, out, err = run("run", "--invoke", "say", engines, extra_env=no_tcc)
    check(rc == 0 and out == "hello from wasm\n16\n" and err == "", f"default engine without tcc: status {rc}", err)
    rc, out, err = run("run", "--verbose", "--invoke", "say", engines, extra_env=no_tcc)
    check(rc == 0 and "tcc" in err and "interpreter" in err, f"default engine without tcc, --verbose: {err!r}")

    shutil.rmtree(work, ignore_errors=True)
    if failures:
        for f in failures:
            print("FAIL:", f)
        return 1
    print("ok: aot cli")
    return 0


if __name__ == "__main__":
    sys.exit(main())
