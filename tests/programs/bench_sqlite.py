#!/usr/bin/env python3
"""Benchmark row: SQLite's query workload with memory-mapped I/O on and off.

  bench_sqlite.py --wasishim BIN --wasm DRIVER.wasm --native DRIVER --workdir DIR
                  [--rows N] [--repeat R] [--host-arg OPT]...

Builds one database with the native driver (the file is the same as the
guest's: the workload tests check that byte for byte), then times
`sqlite_driver queries DB R MMAP` (the workload's 11 queries, R times, timed
inside the program) under wasishim and natively, with PRAGMA mmap_size=256 MiB
and 0. Prints one row per configuration and the ratios; fails only if a run
fails or the runs disagree on the rows they read.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--native", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--host-arg", action="append", default=[])
    args = ap.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    db = os.path.join(args.workdir, "bench.db")
    subprocess.run([args.native, "workload", db, str(args.rows), "0"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    engine = " ".join(args.host_arg) or "interpreter"
    results = {}
    for mmap in (256 << 20, 0):
        for where in ("wasishim", "native"):
            if where == "wasishim":
                cmd = [args.wasishim, "run", "--env", "TMPDIR=/sb", "--dir", f"{args.workdir}::/sb",
                       *args.host_arg, args.wasm, "queries", "/sb/bench.db", str(args.repeat), str(mmap)]
            else:
                cmd = [args.native, "queries", db, str(args.repeat), str(mmap)]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=3000)
            m = re.search(r"queries (\d+) rows (\d+) ms ([0-9.]+)", r.stdout)
            if r.returncode != 0 or not m:
                print(f"{where} mmap={mmap}: exit {r.returncode}: {r.stderr.strip()}", file=sys.stderr)
                return 1
            results[(where, mmap)] = (int(m.group(2)), float(m.group(3)))
    if len({rows for rows, _ in results.values()}) != 1:
        print(f"the runs read different row counts: {results}", file=sys.stderr)
        return 1
    on, off = results[("wasishim", 256 << 20)][1], results[("wasishim", 0)][1]
    non, noff = results[("native", 256 << 20)][1], results[("native", 0)][1]
    print(f"bench sqlite queries ({args.rows} rows, {args.repeat} passes, wasishim {engine})")
    print(f"  wasishim mmap on  {on:10.1f} ms   native {non:8.1f} ms   wasm/native {on / non:6.1f}x")
    print(f"  wasishim mmap off {off:10.1f} ms   native {noff:8.1f} ms   wasm/native {off / noff:6.1f}x")
    print(f"  mmap on / off: wasishim {on / off:.2f}, native {non / noff:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
