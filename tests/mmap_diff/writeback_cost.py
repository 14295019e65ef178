#!/usr/bin/env python3
"""Measures mmap-emu's write-back cost with wasishim's --trace.

Builds writeback_cost.c with wasishim-cc, runs it (sparse and dense stores
into a 256-page shared mapping, then msync) and sums the bytes of every
fd_pwrite the emulation issued after the program's MARK line. Requires:
  bytes written <= 1.1 x bytes stored, and never more than the touched pages.
With --check-doc, docs/mmap.md must also hold the table of figures this run
measured (between the markers of COMMAND), so the page never states figures
the code no longer gives.

  writeback_cost.py --prefix BUILD/prefix [--wasishim PATH] [--check-doc docs/mmap.md]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import doc_tables  # noqa: E402

COMMAND = "tests/mmap_diff/writeback_cost.py --prefix BUILD/prefix"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--wasishim")
    ap.add_argument("--check-doc")
    args = ap.parse_args()
    wasishim = args.wasishim or os.path.join(args.prefix, "bin", "wasishim")
    work = tempfile.mkdtemp(prefix="mmap-cost-")
    wasm = os.path.join(work, "cost.wasm")
    subprocess.run([os.path.join(args.prefix, "bin", "wasishim-cc"), "-O1",
                    os.path.join(HERE, "writeback_cost.c"), "-o", wasm], check=True)
    failed = False
    rows = ["| stores | bytes stored | pages touched (of 256) | bytes written back | `fd_pwrite` calls |",
            "|---|---|---|---|---|"]
    for mode in ("sparse", "dense"):
        sandbox = os.path.join(work, mode)
        os.makedirs(sandbox)
        trace = os.path.join(work, mode + ".trace")
        r = subprocess.run([wasishim, "run", "--trace=" + trace, "--dir", sandbox + "::/sandbox", wasm,
                            "/sandbox", mode], capture_output=True, text=True)
        if r.returncode != 0:
            print("%s: exit %d %s" % (mode, r.returncode, r.stderr))
            return 1
        m = re.search(r"stored (\d+) pages (\d+)", r.stdout)
        stored, pages = int(m.group(1)), int(m.group(2))
        written, calls, after_mark = 0, 0, False
        with open(trace, errors="replace") as f:
            for line in f:
                if "fd_write(fd=1" in line and "MARK" in line:
                    after_mark = True
                elif after_mark and "fd_pwrite(" in line:
                    n = re.search(r"nwritten=(\d+)\]", line)
                    if n:
                        written += int(n.group(1))
                        calls += 1
        ok = written <= 1.1 * stored and written <= pages * 4096 and written >= stored
        failed |= not ok
        print("%s: %d bytes stored in %d pages of 256; write-back wrote %d bytes in %d fd_pwrite calls "
              "(%.2fx stored, %.1f%% of the mapping) %s" % (
                  mode, stored, pages, written, calls, written / max(stored, 1),
                  100.0 * written / (256 * 4096), "ok" if ok else "FAIL"))
        rows.append("| %s | %d | %d | %d | %d |" % (mode, stored, pages, written, calls))
    table = "\n".join(rows) + "\n"
    print(table, end="")
    if args.check_doc and doc_tables.check(args.check_doc, COMMAND, table) != 0:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
