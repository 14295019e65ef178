#!/usr/bin/env python3
"""The AOT cache from the command line, as users and attackers meet it.

* `wasishim run` with no flags compiles the quick tier at once, starts the
  optimized compile in the background (detached: the run does not wait, and
  holds no pipe of its caller's), and a later run uses the optimized object.
* `wasishim cache ls` lists objects with their tier; `cache clean` empties it.
* Security (issue 10): the cache directory is created 0700 and refused when
  others can write to it or someone else owns it; with no HOME,
  XDG_CACHE_HOME or WASISHIM_CACHE_DIR there is no shared /tmp fallback; and a
  planted object whose bytes do not match its record is never loaded (its
  constructor never runs).
* Concurrency: two processes compiling the same module at once compile it
  once and both run; runs reading the cache while objects are rewritten never
  fail.
* The size limit evicts the least recently used objects.
"""
import argparse
import glob
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what + (("\n" + detail[-3000:]) if detail else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--modules", required=True)
    ap.add_argument("--cc", default="cc")
    opts = ap.parse_args()
    work = tempfile.mkdtemp(prefix="wasishim-aot-cache-")
    os.chmod(work, 0o700)
    engines = os.path.join(opts.modules, "engines.wasm")
    sqrt = os.path.join(opts.modules, "sqrt.wasm")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("WASISHIM_")}

    def run(*args, env=None, cache=None, timeout=300):
        e = dict(base_env if env is None else env)
        if cache:
            e["WASISHIM_CACHE_DIR"] = cache
        p = subprocess.run([opts.wasishim, *args], capture_output=True, text=True, env=e, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def cache_ls(cache):
        rc, out, err = run("cache", "ls", cache=cache)
        check(rc == 0, f"cache ls: status {rc}", err)
        return [line.split() for line in out.splitlines()[1:-1]]

    def tiers_once_optimized(cache):
        """The tiers in `cache` once the background compile has stored the
        optimized object (or after 240 s)."""
        deadline = time.monotonic() + 240
        tiers = []
        while time.monotonic() < deadline:
            tiers = [e[1] for e in cache_ls(cache)]
            if "optimized" in tiers:
                break
            time.sleep(0.5)
        return tiers

    # --- the default engine: quick now, optimized in the background -----------
    cache = os.path.join(work, "tiered")
    start = time.monotonic()
    rc, out, err = run("run", "--verbose", "--invoke", "say", engines, cache=cache)
    check(rc == 0 and out == "hello from wasm\n16\n", f"first default run: status {rc}, stdout {out!r}", err)
    check("(quick)" in err, "the first default run did not compile the quick tier", err)
    check("in the background" in err, "the first default run started no background compile", err)
    # The optimized object appears without anyone waiting for it.
    tiers = tiers_once_optimized(cache)
    check(tiers == ["optimized"], f"after the background compile the cache holds {tiers}, expected only "
          "the optimized object (it replaces the quick one)")
    rc, out, err = run("run", "--verbose", "--invoke", "say", engines, cache=cache)
    check(rc == 0 and "cache hit" in err and "quick" not in err and "compiling" not in err,
          f"a later default run did not use the optimized object (status {rc})", err)
    # A module with exception handling never gets a quick-tier object (tcc
    # ignores the cleanup attribute the repaired unwind targets rest on,
    # docs/aot.md): the first run is the interpreter's, the optimized object
    # follows in the background and serves the next run.
    exceptions = os.path.join(opts.modules, "exceptions.wasm")
    cache_eh = os.path.join(work, "exceptions")
    rc, out, err = run("run", "--verbose", "--invoke", "catch_keeps_locals", exceptions, "5", cache=cache_eh)
    check(rc == 0 and out == "47\n", f"exceptions, first default run: status {rc}, stdout {out!r}", err)
    check("uses exception handling" in err and "(quick)" not in err,
          "the first default run of a module with exceptions did not skip the quick tier", err)
    tiers = tiers_once_optimized(cache_eh)
    check(tiers == ["optimized"], f"a module with exceptions left {tiers} in the cache, expected only the "
          "optimized object")
    rc, out, err = run("run", "--verbose", "--invoke", "leave_then_throw", exceptions, cache=cache_eh)
    check(rc == 0 and out == "7\n" and "cache hit" in err,
          f"exceptions, second default run: status {rc}, stdout {out!r}", err)

    # A caller reading the run's output to the end does not wait for the
    # background compile: a fresh module, timed from the caller's side.
    cache2 = os.path.join(work, "detached")
    t0 = time.monotonic()
    p = subprocess.run([opts.wasishim, "run", "--invoke", "sqrt64", sqrt, "4"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=dict(base_env, WASISHIM_CACHE_DIR=cache2), timeout=120)
    check(p.returncode == 0 and p.stdout == b"2\n", f"sqrt64 under the default engine: {p.returncode} {p.stdout!r}",
          p.stderr.decode())
    check(p.stderr == b"", f"the default engine wrote to stderr without --verbose: {p.stderr!r}")

    # --- cache ls / clean ---------------------------------------------------
    entries = cache_ls(cache)
    check(len(entries) == 1 and entries[0][1] == "optimized", f"cache ls: {entries}")
    rc, out, err = run("cache", "clean", cache=cache)
    check(rc == 0 and "removed" in out, f"cache clean: status {rc}", err + out)
    check(cache_ls(cache) == [], "cache clean left objects behind")
    check(sorted(os.listdir(cache)) == [], f"cache clean left {sorted(os.listdir(cache))}")

    # --- security: the directory ------------------------------------------------
    fresh = os.path.join(work, "made", "by", "wasishim")
    rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=fresh)
    check(rc == 0, f"--aot with a new cache directory: status {rc}", err)
    mode = stat.S_IMODE(os.stat(fresh).st_mode)
    check(mode == 0o700, f"the cache directory was created with mode {mode:o}, not 700")
    for bad_mode in (0o777, 0o775, 0o703):
        d = os.path.join(work, f"open-{bad_mode:o}")
        os.mkdir(d)
        os.chmod(d, bad_mode)
        rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=d)
        check(rc == 126 and "other users can write" in err,
              f"--aot with a cache directory of mode {bad_mode:o}: status {rc}", err)
        check(not glob.glob(os.path.join(d, "*.aot")), f"an object was written to a mode {bad_mode:o} directory")
        # The default engine says so, and runs the module in the interpreter.
        rc, out, err = run("run", "--invoke", "say", engines, cache=d)
        check(rc == 0 and out == "hello from wasm\n16\n" and "refusing the AOT cache directory" in err,
              f"default engine with a mode {bad_mode:o} cache: status {rc}", err)
    if os.geteuid() == 0:
        theirs = os.path.join(work, "theirs")
        os.mkdir(theirs, 0o700)
        os.chown(theirs, 65534, 65534)
    else:
        theirs = "/"  # root's
    rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=theirs)
    check(rc == 126 and "owned by uid" in err, f"--aot with a cache directory owned by another user: status {rc}",
          err)

    # --- security: no shared fallback ------------------------------------------
    uid = os.geteuid()
    predictable = f"/tmp/wasishim-cache-{uid}"
    shutil.rmtree(predictable, ignore_errors=True)
    bare = {k: v for k, v in base_env.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    home_cache = os.path.join(pwd.getpwuid(uid).pw_dir, ".cache", "wasishim")
    before = set(glob.glob(os.path.join(home_cache, "*.aot")))
    rc, out, err = run("run", "--aot", "--invoke", "say", engines, env=bare)
    check(rc == 0, f"--aot with no HOME: status {rc}", err)
    check(not os.path.exists(predictable), f"with no HOME the cache fell back to {predictable}")
    made = set(glob.glob(os.path.join(home_cache, "*.aot"))) - before
    check(len(made) <= 1, f"unexpected objects in {home_cache}: {made}")
    for f in made:  # leave the account's own cache as it was
        os.unlink(f)

    # --- security: a planted object is never loaded ------------------------------
    planted_cache = os.path.join(work, "planted")
    rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=planted_cache)
    objects = glob.glob(os.path.join(planted_cache, "*.aot"))
    check(rc == 0 and len(objects) == 1, f"compiling for the planted test: status {rc}, objects {objects}", err)
    if objects:
        marker = os.path.join(work, "constructor-ran")
        evil_c = os.path.join(work, "evil.c")
        evil_so = os.path.join(work, "evil.so")
        with open(evil_c, "w") as f:
            f.write('#include <stdio.h>\n__attribute__((constructor)) static void run(void) {\n'
                    f'  FILE* f = fopen("{marker}", "w"); if (f) fclose(f);\n}}\n')
        subprocess.run([opts.cc, "-shared", "-fPIC", "-o", evil_so, evil_c], check=True)
        with open(objects[0], "rb") as f:
            legit = f.read()
        with open(evil_so, "rb") as f:
            evil = f.read()
        # The planted file keeps the legitimate object's record, so only the
        # check of its bytes against that record can catch it.
        record_len = int.from_bytes(legit[-16:-8], "little")
        os.chmod(objects[0], 0o600)
        with open(objects[0], "wb") as f:
            f.write(evil + legit[-16 - record_len:])
        os.chmod(objects[0], 0o400)
        rc, out, err = run("run", "--aot", "--verbose", "--invoke", "say", engines, cache=planted_cache)
        check(not os.path.exists(marker), "a planted object was loaded: its constructor ran")
        check(rc == 0 and out == "hello from wasm\n16\n", f"after the planted object: status {rc}", err)
        check("compiling" in err, "the planted object was not replaced by a fresh compile", err)

    # --- concurrency ---------------------------------------------------------------
    log = os.path.join(work, "cc-calls")
    counting_cc = os.path.join(work, "counting-cc")
    with open(counting_cc, "w") as f:
        f.write(f'#!/bin/sh\ncase "$*" in *glue.c*) echo x >> "{log}";; esac\nsleep 1\nexec {opts.cc} "$@"\n')
    os.chmod(counting_cc, 0o755)
    together = os.path.join(work, "together")
    env = dict(base_env, WASISHIM_CACHE_DIR=together, WASISHIM_CC=counting_cc)
    procs = [subprocess.Popen([opts.wasishim, "run", "--aot", "--invoke", "say", engines], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        check(p.returncode == 0 and out == b"hello from wasm\n16\n",
              f"concurrent --aot run: status {p.returncode}, stdout {out!r}", err.decode())
    calls = open(log).read().count("x") if os.path.exists(log) else 0
    check(calls == 1, f"three concurrent runs compiled the module {calls} times, expected once")

    # Readers keep running while a writer removes and recompiles the object.
    rw = os.path.join(work, "read-write")
    run("run", "--aot", "--invoke", "say", engines, cache=rw)
    stop = threading.Event()
    reader_failures = []

    def reader():
        while not stop.is_set():
            rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=rw)
            if rc != 0 or out != "hello from wasm\n16\n":
                reader_failures.append(f"status {rc}, stdout {out!r}: {err[-500:]}")

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for _ in range(4):
        for f in glob.glob(os.path.join(rw, "*.aot")):
            os.unlink(f)
        rc, out, err = run("run", "--aot", "--invoke", "say", engines, cache=rw)
        check(rc == 0, f"writer run: status {rc}", err)
    stop.set()
    for t in threads:
        t.join()
    check(not reader_failures, f"{len(reader_failures)} reader run(s) failed while objects were rewritten",
          "\n".join(reader_failures[:3]))

    # --- size limit -----------------------------------------------------------------
    small = os.path.join(work, "small")
    env = dict(base_env, WASISHIM_CACHE_DIR=small, WASISHIM_CACHE_SIZE="1")
    for module, fn, arg in ((engines, "say", []), (sqrt, "sqrt64", ["9"])):
        p = subprocess.run([opts.wasishim, "run", "--aot", "--invoke", fn, module, *arg], env=env,
                           capture_output=True, text=True, timeout=300)
        check(p.returncode == 0, f"--aot {os.path.basename(module)} with a 1-byte limit: {p.returncode}", p.stderr)
    left = glob.glob(os.path.join(small, "*.aot"))
    check(len(left) == 1, f"with a 1-byte limit the cache keeps {len(left)} objects, expected the last one")
    entries = cache_ls(small)
    check(len(entries) == 1 and entries[0][1] == "optimized", f"cache ls after eviction: {entries}")

    shutil.rmtree(work, ignore_errors=True)
    if failures:
        for f in failures:
            print("FAIL:", f)
        return 1
    print("ok: aot cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
