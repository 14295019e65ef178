#!/usr/bin/env python3
"""A guest's read of its standard input, a pipe with no data yet, blocks under
Node's WASI (as POSIX and preview1 say) instead of failing with EAGAIN.

    node_stdin_blocks.py --prefix PREFIX

Node makes a pipe on fds 0-2 non-blocking as soon as process.stdin/stdout/
stderr is opened; the Node runner (share/wasishim/node-run.mjs, which
wasishim-exec uses for WASISHIM_EXEC_HOST=node) must not open them. The
writer here waits before it writes, so the guest's first read finds the pipe
empty; a pipeline of two modules (zlib's `minigzip | minigzip -d`) hit it at
random.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

GUEST = r"""
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) {
  char buf[64];
  ssize_t n, total = 0;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    write(1, buf, (size_t)n);
    total += n;
  }
  if (n < 0) {
    fprintf(stderr, "read: %s\n", strerror(errno));
    return 1;
  }
  return total > 0 ? 0 : 2;
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--prefix", required=True)
    args = ap.parse_args()
    node = shutil.which("node")
    if not node:
        print("node not found: this test needs it", file=sys.stderr)
        return 1
    runner = os.path.join(args.prefix, "share", "wasishim", "node-run.mjs")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "cat.c")
        wasm = os.path.join(tmp, "cat.wasm")
        with open(src, "w") as f:
            f.write(GUEST)
        subprocess.run([os.path.join(args.prefix, "bin", "wasishim-cc"), "-O1", src, "-o", wasm], check=True)
        for delay in ("0.5", "1.5"):
            cmd = f"(sleep {delay}; echo hello) | '{node}' --no-warnings '{runner}' '{wasm}'"
            p = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=120)
            print(f"$ {cmd}\nstatus {p.returncode}\nstdout {p.stdout!r}\nstderr {p.stderr!r}")
            if p.returncode != 0 or p.stdout != "hello\n":
                print("FAILED: the guest's read of an empty pipe did not block", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
