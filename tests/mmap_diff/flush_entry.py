#!/usr/bin/env python3
"""The host's flush after a trap, and the command entry it depends on.

flush_entry.c stores through a shared mapping and traps. Built two ways:

* with wasishim-cc (wasishim's command entry): wasm-ld must have wrapped no
  export (wabt's wasm2wat shows no `command_export` function); on every
  engine the constructor runs once, no atexit handler runs, the status is
  134, and the file holds what the native build (killed by SIGILL) leaves.
* against plain wasi-libc with mmap-emu alone (Debian's entry): wasm-ld wraps
  the flush export (wasm2wat shows `__wasishim_mman_flush.command_export`),
  so the host must not call it: the constructor still runs once, the host
  says on stderr that it does not write back, and the store is lost (the
  file stays zeros), as docs/mmap.md says.

  flush_entry.py --prefix BUILD/prefix --wasishim BIN --cc clang-19
                 --base-sysroot /usr --native-cc cc
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "flush_entry.c")
EXPECTED_STDOUT = "constructor run 1\nbefore the trap\n"
ENGINES = {"interpreter": ["--engine=interp"], "aot": ["--aot"]}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def need(tool):
    path = shutil.which(tool)
    if not path:
        sys.exit("flush_entry: %s not found (toolchain/install-deps.sh installs it)" % tool)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--cc", required=True, help="the clang wasishim-cc uses")
    ap.add_argument("--base-sysroot", required=True, help="plain wasi-libc sysroot")
    ap.add_argument("--native-cc", default="cc")
    args = ap.parse_args()
    wasm2wat = need("wasm2wat")
    sysroot = os.path.join(args.prefix, "share", "wasishim", "sysroot")
    work = tempfile.mkdtemp(prefix="flush-entry-")
    problems = []

    def build(cmd):
        r = run(cmd)
        if r.returncode != 0:
            sys.exit("compile failed: %s\n%s" % (" ".join(cmd), r.stderr[-3000:]))

    native = os.path.join(work, "native")
    build([args.native_cc, "-O1", "-o", native, SOURCE])
    d = os.path.join(work, "native-run")
    os.makedirs(d)
    r = run([native, d])
    if r.returncode != -4 or r.stdout != EXPECTED_STDOUT:
        sys.exit("the native build did not die of SIGILL after its output: status %d, %r" % (r.returncode, r.stdout))
    with open(os.path.join(d, "trapped.bin"), "rb") as f:
        kept = f.read()
    if b"stored before the trap" not in kept:
        sys.exit("the native run lost its store: the oracle is broken")

    builds = {
        "wasishim-cc": [os.path.join(args.prefix, "bin", "wasishim-cc"), "-O1"],
        "plain wasi-libc + mmap-emu": [args.cc, "--target=wasm32-wasi", "--sysroot=" + args.base_sysroot,
                                        "-D_WASI_EMULATED_MMAN", "-O1"],
    }
    for name, cc in builds.items():
        wasm = os.path.join(work, name.split()[0] + ".wasm")
        extra = [] if name == "wasishim-cc" else [os.path.join(sysroot, "lib", "wasm32-wasi", "libwasi-emulated-mman.a")]
        build(cc + ["-o", wasm, SOURCE] + extra)
        wat = run([wasm2wat, wasm])
        if wat.returncode != 0:
            sys.exit("wasm2wat failed on %s: %s" % (wasm, wat.stderr[-2000:]))
        wrapped = "__wasishim_mman_flush.command_export" in wat.stdout
        if name == "wasishim-cc" and "command_export" in wat.stdout:
            problems.append("%s: wasm-ld wrapped exports in __wasm_call_ctors/dtors" % name)
        if name != "wasishim-cc" and not wrapped:
            problems.append("%s: expected wasm-ld to wrap the flush export (the case under test)" % name)
        for engine, flags in ENGINES.items():
            d = os.path.join(work, "%s-%s" % (name.split()[0], engine))
            os.makedirs(d)
            r = run([args.wasishim, "run"] + flags + ["--dir", d + "::/sandbox", wasm, "/sandbox"])
            with open(os.path.join(d, "trapped.bin"), "rb") as f:
                got = f.read()
            where = "%s on %s" % (name, engine)
            if r.returncode != 134 or "trap" not in r.stderr:
                problems.append("%s: a trap must be reported with status 134: status %d, stderr %r" %
                                (where, r.returncode, r.stderr[-400:]))
            if r.stdout != EXPECTED_STDOUT:
                problems.append("%s: stdout %r, expected %r" % (where, r.stdout, EXPECTED_STDOUT))
            if name == "wasishim-cc":
                if got != kept:
                    problems.append("%s: the file differs from the native run's" % where)
                if "not writing back" in r.stderr:
                    problems.append("%s: the host refused the flush: %r" % (where, r.stderr[-400:]))
            else:
                if got != bytes(4096):
                    problems.append("%s: the host must not have called the wrapped flush, but the file "
                                    "holds the store" % where)
                if "not writing back shared mappings" not in r.stderr:
                    problems.append("%s: the host did not say it skipped the flush: %r" % (where, r.stderr[-400:]))
    shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        print("FAIL " + p)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
