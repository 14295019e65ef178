#!/usr/bin/env python3
"""Counts the WASI imports each open() in open_imports.c makes, from the
host's --trace, and requires the limits below (one import, path_open, for a
file that exists, opened beneath a preopen). Prints the table of figures.

  count_imports.py --prefix BUILD/prefix [--wasishim PATH]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# case -> the most imports it may make. Beneath a preopen the shim knows the
# directory's rights; beneath any other directory it asks the host first.
LIMITS = {
    "open O_RDONLY existing": 1,
    "open O_WRONLY existing": 1,
    "open O_RDWR|O_APPEND existing": 1,
    "open O_RDONLY|O_CLOEXEC existing": 1,
    "openat subdirectory O_RDONLY existing": 2,
    "open O_WRONLY|O_CREAT existing": 2,
    "open O_WRONLY|O_CREAT new": 3,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--wasishim")
    args = ap.parse_args()
    wasishim = args.wasishim or os.path.join(args.prefix, "bin", "wasishim")
    work = tempfile.mkdtemp(prefix="open-imports-")
    wasm = os.path.join(work, "open_imports.wasm")
    subprocess.run([os.path.join(args.prefix, "bin", "wasishim-cc"), "-O1",
                    os.path.join(HERE, "open_imports.c"), "-o", wasm], check=True)
    sandbox = os.path.join(work, "sandbox")
    os.makedirs(sandbox)
    trace = os.path.join(work, "trace")
    r = subprocess.run([wasishim, "run", "--engine=interp", "--trace=" + trace,
                        "--dir", sandbox + "::/sandbox", wasm, "/sandbox"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("open_imports exited %d: %s" % (r.returncode, r.stderr))
        return 1
    counts, calls, case = {}, {}, None
    with open(trace, errors="replace") as f:
        for line in f:
            m = re.match(r"\[wasi\] (\w+)\(", line)
            if not m:
                continue
            marker = re.search(r'fd_write\(fd=2, .*\["(MARK [^"\\]*|END)', line)
            if marker:
                text = marker.group(1)
                case = text[5:] if text.startswith("MARK ") else None
                if case is not None:
                    counts[case], calls[case] = 0, []
                continue
            if case is not None:
                counts[case] += 1
                calls[case].append(m.group(1))
    failed = False
    print("| case | WASI imports | calls | at most |")
    print("|---|---|---|---|")
    for case, limit in LIMITS.items():
        if case not in counts:
            print("| %s | missing from the trace | | %d |" % (case, limit))
            failed = True
            continue
        ok = counts[case] <= limit and "path_open" in calls[case]
        failed |= not ok
        print("| %s | %d | %s | %d |%s" % (case, counts[case], ", ".join(calls[case]), limit,
                                         "" if ok else " FAIL"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
