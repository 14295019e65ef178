#!/usr/bin/env python3
"""Differential test of mmap-emu against the Linux kernel.

Generates programs with gen.py, compiles each natively (real mmap) and with
wasishim-cc, runs the native one on a fresh directory and the wasm one under
`wasishim run --dir SANDBOX::/sandbox` (or Node's WASI), and requires the same
trace, the same exit status and byte-identical files.

  run.py --prefix BUILD/prefix --seed 1 --programs 15          # CI: fixed seed
  run.py --prefix BUILD/prefix --long --programs 200           # new seeds
  run.py --prefix BUILD/prefix --seed S --first K --programs 1 --keep   # replay
  run.py --prefix BUILD/prefix --restricted yes \
      --wasm-cc "clang-19 --target=wasm32-wasi --sysroot=/usr -D_WASI_EMULATED_MMAN" \
      --wasm-ldflags BUILD/prefix/share/wasishim/sysroot/lib/wasm32-wasi/libwasi-emulated-mman.a
                                     # mmap-emu alone with plain wasi-libc, no shim
  run.py --prefix BUILD/prefix --fail-writes --seed 3 --programs 10
                                     # one write to a file fails (wasishim run --fail-write)

With --fail-writes each program first runs under wasishim with --trace to
count its writes to files, then again with `--fail-write K:io` (K drawn from
those writes, the last one for every fourth program, which is usually the
exit flush's): the program retries a failed call once (gen.py --fail-io), so
its trace and files must still equal Linux's.

A failure prints the seed and program index to replay it; --long appends each
failing seed to tests/mmap_diff/failing-seeds.txt (or --record FILE), and
--replay FILE runs them all again (CTest mmap.diff.seeds), so a seed found once
stays a test after its fix.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402


def file_writes(trace):
    """The number of fd_write/fd_pwrite calls to descriptors above 2 in a
    --trace output (what --fail-write counts)."""
    n = 0
    for line in trace.splitlines():
        for call in ("fd_write(fd=", "fd_pwrite(fd="):
            at = line.find(call)
            if at >= 0:
                fd = line[at + len(call):].split(",", 1)[0].split(")", 1)[0]
                if fd.isdigit() and int(fd) > 2:
                    n += 1
    return n


# Native endings and the wasm statuses they must meet: abort is SIGABRT
# natively and a trap (status 134) in wasm; a trap is SIGILL natively.
SAME_ENDING = {(-6, 134), (-4, 134)}


def tree(root):
    files = {}
    for base, _, names in os.walk(root):
        for name in names:
            p = os.path.join(base, name)
            with open(p, "rb") as f:
                files[os.path.relpath(p, root)] = f.read()
    return files


def first_difference(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<end>"
        y = lb[i] if i < len(lb) else "<end>"
        if x != y:
            return i + 1, x, y
    return None


def run_one(args, seed, index, work):
    src = os.path.join(work, "p%s-%d.c" % (seed, index))
    mode = gen.Mode(args.restricted, args.runner == "node", args.fail_writes)
    with open(src, "w") as f:
        f.write(gen.generate_program(seed, index, args.scenarios, args.steps, mode))
    native, wasm = src[:-2] + ".native", src[:-2] + ".wasm"
    defines = ["-DRETRY_IO"] if args.fail_writes else []
    for cmd in ([args.native_cc, "-O1", "-w"] + defines + ["-o", native, src],
                args.wasm_cc.split() + ["-O1", "-w"] + defines + ["-o", wasm, src] + args.wasm_ldflags.split()):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            return "compile failed: %s\n%s" % (" ".join(cmd), r.stderr[-3000:])
    sb_n = os.path.join(work, "sb%s-%d-native" % (seed, index))
    sb_w = os.path.join(work, "sb%s-%d-wasm" % (seed, index))

    def fresh(d):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)

    def run(cmd, sandbox):
        fresh(sandbox)
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=600,
                              stdin=subprocess.DEVNULL)

    rn = run([native, sb_n], sb_n)
    if args.runner == "node":
        cmd = [args.node, "--no-warnings", os.path.join(HERE, "..", "node_run.mjs"),
               "--dir", sb_w + "::/sandbox", wasm, "/sandbox"]
    else:
        host_args = list(args.host_arg)
        if args.fail_writes:
            counted = run([args.wasishim, "run", "--trace"] + host_args +
                          ["--dir", sb_w + "::/sandbox", wasm, "/sandbox"], sb_w)
            writes = file_writes(counted.stderr)
            if writes == 0:
                return "no write to a file to fail"
            rng = random.Random("%s-%d-fail" % (seed, index))
            k = writes if index % 4 == 3 else rng.randint(1, writes)
            host_args += ["--fail-write", "%d:io" % k]
        cmd = [args.wasishim, "run"] + host_args + ["--dir", sb_w + "::/sandbox", wasm, "/sandbox"]
    rw = run(cmd, sb_w)
    problems = []
    diff = first_difference(rn.stdout, rw.stdout)
    if diff:
        line, x, y = diff
        problems.append("trace differs at line %d:\n  linux: %s\n  wasm:  %s" % (line, x, y))
    if rn.returncode != rw.returncode and (rn.returncode, rw.returncode) not in SAME_ENDING:
        problems.append("exit status: linux %d, wasm %d (stderr: %s)" % (rn.returncode, rw.returncode,
                                                                         rw.stderr.strip()[-500:]))
    tn, tw = tree(sb_n), tree(sb_w)
    for name in sorted(set(tn) | set(tw)):
        if tn.get(name) != tw.get(name):
            a, b = tn.get(name), tw.get(name)
            detail = "missing" if a is None or b is None else "sizes %d/%d" % (len(a), len(b))
            if a is not None and b is not None:
                for i in range(min(len(a), len(b))):
                    if a[i] != b[i]:
                        detail += ", first different byte at %d" % i
                        break
            problems.append("file %s differs (%s)" % (name, detail))
    if problems:
        return "\n".join(problems)
    steps = rn.stdout.count("\n")
    if not args.keep:
        for p in (src, native, wasm):
            os.remove(p)
        shutil.rmtree(sb_n)
        shutil.rmtree(sb_w)
    return steps


def read_recorded_seeds(path, restricted):
    """The (seed, program) pairs a --long run recorded, for this kind of run."""
    seeds = []
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 3 or not fields[2].startswith("restricted="):
                raise SystemExit("%s: not a recorded seed: %r" % (path, line))
            if (fields[2] == "restricted=True") == restricted:
                seeds.append((fields[0], int(fields[1])))
    return seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prefix", help="wasishim staging prefix (BUILD/prefix)")
    ap.add_argument("--wasm-cc", help="compiler for the wasm build (default PREFIX/bin/wasishim-cc)")
    ap.add_argument("--wasm-ldflags", default="", help="appended after the source on the wasm link")
    ap.add_argument("--wasishim", help="host binary (default PREFIX/bin/wasishim)")
    ap.add_argument("--host-arg", action="append", default=[], help="extra `wasishim run` option")
    ap.add_argument("--runner", choices=["wasishim", "node"], default="wasishim")
    ap.add_argument("--node", default=shutil.which("node") or "node")
    ap.add_argument("--native-cc", default=shutil.which("cc") or "gcc")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--first", type=int, default=0, help="first program index")
    ap.add_argument("--programs", type=int, default=15)
    ap.add_argument("--scenarios", type=int, default=20, help="scenarios per program")
    ap.add_argument("--steps", type=int, default=30, help="most steps per scenario")
    ap.add_argument("--restricted", choices=["yes", "no"], default="no",
                    help="leave out steps that need the shim's coherence hooks (mmap-emu linked without "
                         "libc-shim); never chosen for you, so a build whose shim lacks the hooks fails")
    ap.add_argument("--fail-writes", action="store_true",
                    help="make one write to a file fail in each wasishim run (see above)")
    ap.add_argument("--long", action="store_true", help="new seeds each round until --programs ran")
    ap.add_argument("--record", default=os.path.join(HERE, "failing-seeds.txt"))
    ap.add_argument("--replay", metavar="FILE",
                    help="run every seed a --long run recorded in FILE (lines 'SEED K restricted=...')")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep programs and sandboxes")
    ap.add_argument("--workdir")
    args = ap.parse_args()

    if args.prefix:
        args.wasm_cc = args.wasm_cc or os.path.join(args.prefix, "bin", "wasishim-cc")
        args.wasishim = args.wasishim or os.path.join(args.prefix, "bin", "wasishim")
    if not args.wasm_cc or (args.runner == "wasishim" and not args.wasishim):
        ap.error("give --prefix, or --wasm-cc and --wasishim")
    args.restricted = args.restricted == "yes"

    work = args.workdir or tempfile.mkdtemp(prefix="mmap-diff-")
    os.makedirs(work, exist_ok=True)
    if args.long:
        seeds = [("L%d-%d" % (int(time.time()), os.getpid()), i) for i in range(args.programs)]
        seeds = [("%s.%d" % (s, i // 10), i % 10) for s, i in seeds]
    elif args.replay:
        seeds = read_recorded_seeds(args.replay, args.restricted)
        if not seeds:
            ap.error("%s records no seed to replay" % args.replay)
    else:
        seeds = [(args.seed, args.first + i) for i in range(args.programs)]

    failures = 0
    total_steps = 0
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futs = {pool.submit(run_one, args, s, i, work): (s, i) for s, i in seeds}
        for fut in concurrent.futures.as_completed(futs):
            s, i = futs[fut]
            try:
                r = fut.result()
            except subprocess.TimeoutExpired as e:
                r = "timeout: %s" % e
            except OSError as e:  # the host or compiler could not be started
                r = "could not run: %s" % e
            if isinstance(r, int):
                total_steps += r
                continue
            failures += 1
            print("FAIL seed %s program %d%s\n%s\n  replay: %s --seed %s --first %d --programs 1 --keep "
                  "--restricted %s --workdir %s" % (s, i, "" if args.restricted else " (coherent)", r,
                                                     sys.argv[0], s, i,
                                                     "yes" if args.restricted else "no", work))
            if args.long:
                with open(args.record, "a") as f:
                    f.write("%s %d restricted=%s\n" % (s, i, args.restricted))
    n = len(seeds)
    print("%d programs x %d scenarios, %d trace lines, %d failed, %.1fs (%s)" % (
        n, args.scenarios, total_steps, failures, time.time() - started,
        "restricted" if args.restricted else "with file-I/O coherence"))
    if not args.keep and failures == 0 and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
