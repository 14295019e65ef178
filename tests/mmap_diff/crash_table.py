#!/usr/bin/env python3
"""The crash-consistency table of docs/mmap.md, cell by cell.

Each cell is one run of crash_cell.c: a byte range stored through a shared
mapping, then an OPERATION, then an ENDING of the program. It runs natively
(the oracle: Linux's page cache keeps every store, whatever kills the
process) and under wasishim on the interpreter and the AOT engine, and the
files the runs leave must be the same, except where the table says the store
is lost (only when the host itself is killed with SIGKILL before a
write-back point): there the file must equal the native run that made no
store at all.

  crash_table.py --prefix BUILD/prefix [--engines interpreter,aot]
  crash_table.py --markdown          # the table, as docs/mmap.md holds it
  crash_table.py --check-doc docs/mmap.md   # the doc holds exactly that table
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import doc_tables  # noqa: E402
from run import tree  # noqa: E402

# (argument, heading): what the program does between its store and its end.
OPERATIONS = [
    ("store", "store only"),
    ("write", "`write`"),
    ("pwrite", "`pwrite`"),
    ("append", "`O_APPEND` by `fcntl`, then `write`"),
    ("pwrite_append", "`pwrite` on an `O_APPEND` descriptor"),
    ("ftruncate", "`ftruncate` (grow)"),
    ("truncate", "`truncate(path)` (grow)"),
    ("ftruncate0", "`ftruncate(0)`, regrow, store"),
    ("truncate0", "`truncate(path, 0)`, regrow, store"),
    ("open_trunc", "`open(O_TRUNC)`, regrow, store"),
    ("creat", "`creat`, regrow, store"),
    ("fopen_w", "`fopen(\"w\")`, regrow, store"),
    ("freopen", "`freopen` of the mapped stream, store"),
    ("fsync", "`fsync`"),
    ("fdatasync", "`fdatasync`"),
    ("msync", "`msync`"),
    ("munmap", "`munmap`"),
]

# (argument, heading, native equivalent).
ENDINGS = [
    ("return", "return from `main`", "the same"),
    ("exit", "`exit`", "the same"),
    ("_exit", "`_exit`/`_Exit`", "the same"),
    ("abort", "`abort`", "the same (SIGABRT)"),
    ("raise", "`raise(SIGTERM)`", "the same"),
    ("proc_exit", "`proc_exit` called directly", "`exit_group` called directly"),
    ("trap", "trap (`__builtin_trap`)", "SIGILL"),
    ("sigkill", "host killed with SIGKILL", "process killed with SIGKILL"),
    ("sigpipe", "write to a closed pipe", "the same (SIGPIPE kills the process)"),
]

# The interpreter, and compiled code of the optimized tier (one module, so
# one compile for every cell).
ENGINE_FLAGS = {"interpreter": ["--engine=interp"], "aot": ["--aot"]}

# Where a store reaches the file before the program goes on: only these
# survive SIGKILL of the host. ftruncate/truncate write back before they
# change the size; the truncations to 0 cut the first store anyway and the
# store made after them is not written back.
WRITE_BACK_POINTS = {"ftruncate", "truncate", "fsync", "fdatasync", "msync", "munmap"}


def survives(operation, ending):
    return ending != "sigkill" or operation in WRITE_BACK_POINTS


def markdown():
    head = "| ending \\ operation after the store | " + " | ".join(h for _, h in OPERATIONS) + " |"
    rule = "|---" * (len(OPERATIONS) + 1) + "|"
    rows = [head, rule]
    for e, heading, _ in ENDINGS:
        cells = ["kept" if survives(o, e) else "**lost**" for o, _ in OPERATIONS]
        rows.append("| " + heading + " | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


COMMAND = "tests/mmap_diff/crash_table.py --markdown"


def run_cell(cmd, sandbox, ending, timeout=120):
    """Runs one cell; returns (status, stdout, stderr)."""
    if ending not in ("sigkill", "sigpipe"):
        r = subprocess.run(cmd, cwd=sandbox, capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        return r.returncode, r.stdout, r.stderr
    p = subprocess.Popen(cmd, cwd=sandbox, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    out = ""
    while "ready" not in out:
        line = p.stdout.readline()
        if not line:
            break
        out += line
    if ending == "sigkill":
        p.kill()
    else:
        p.stdout.close()
        p.stdin.close()
    try:
        status = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        status = p.wait()
    return status, out, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prefix", help="wasishim staging prefix (BUILD/prefix)")
    ap.add_argument("--wasishim")
    ap.add_argument("--native-cc", default=shutil.which("cc") or "gcc")
    ap.add_argument("--engines", default="interpreter,aot")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--check-doc")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    if args.markdown:
        sys.stdout.write(markdown())
        return 0
    if args.check_doc:
        return doc_tables.check(args.check_doc, COMMAND, markdown())
    if not args.prefix:
        ap.error("give --prefix")
    wasishim = args.wasishim or os.path.join(args.prefix, "bin", "wasishim")

    work = tempfile.mkdtemp(prefix="mmap-crash-")
    src = os.path.join(HERE, "crash_cell.c")
    native, wasm = os.path.join(work, "cell.native"), os.path.join(work, "cell.wasm")
    wasishim_cc = os.path.join(args.prefix, "bin", "wasishim-cc")
    # raise() needs wasi-libc's signal emulation where the sysroot has no
    # <signal.h> of its own.
    for cmd in ([args.native_cc, "-O1", "-o", native, src],
                [wasishim_cc, "-O1", "-o", wasm, src],
                [wasishim_cc, "-O1", "-D_WASI_EMULATED_SIGNAL", "-o", wasm, src, "-lwasi-emulated-signal"]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode == 0 and cmd[0] == wasishim_cc:
            break
        if r.returncode != 0 and (cmd[0] != wasishim_cc or "-lwasi-emulated-signal" in cmd):
            print("compile failed: %s\n%s" % (" ".join(cmd), r.stderr[-3000:]))
            return 1

    engines = [e for e in args.engines.split(",") if e]

    def one(op, ending):
        problems = []
        def sandbox(name):
            d = os.path.join(work, "%s-%s-%s" % (op, ending, name))
            os.makedirs(d)
            return d
        sb = sandbox("native")
        n_status, n_out, _ = run_cell([native, sb, op, ending], sb, ending)
        want = tree(sb)
        if not survives(op, ending):
            sb = sandbox("native-nostore")
            run_cell([native, sb, op, ending, "nostore"], sb, ending)
            want = tree(sb)
        for engine in engines:
            sb = sandbox(engine)
            cmd = [wasishim, "run"] + ENGINE_FLAGS[engine] + \
                  ["--dir", sb + "::/sandbox", wasm, "/sandbox", op, ending]
            w_status, w_out, w_err = run_cell(cmd, sb, ending)
            if "failed" in w_out or "failed" in n_out:
                problems.append("%s: a step failed: native %r, wasm %r" % (engine, n_out, w_out))
            if ending == "trap" and (w_status != 134 or "wasishim: trap: unreachable" not in w_err):
                problems.append("%s: a trap must still be reported with its kind and status 134: "
                                "status %d, stderr %r" % (engine, w_status, w_err[-300:]))
            elif ending != "sigpipe" and (n_status == 0) != (w_status == 0):
                # (A closed pipe kills the native process, while the guest
                # gets EPIPE and returns.)
                problems.append("%s: exit status %d, native %d" % (engine, w_status, n_status))
            got = tree(sb)
            if got != want:
                diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
                problems.append("%s: files differ from the %s run: %s" % (
                    engine, "native" if survives(op, ending) else "native store-less", diff))
        return problems

    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futs = {pool.submit(one, o, e): (o, e) for o, _ in OPERATIONS for e, _, _ in ENDINGS}
        for fut in concurrent.futures.as_completed(futs):
            o, e = futs[fut]
            problems = fut.result()
            if problems:
                failures += 1
                print("FAIL %s then %s (%s expected):\n  %s" % (
                    o, e, "kept" if survives(o, e) else "lost", "\n  ".join(problems)))
    cells = len(OPERATIONS) * len(ENDINGS)
    print("%d cells x %d engines: %d failed" % (cells, len(engines), failures))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
