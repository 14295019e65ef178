#!/usr/bin/env python3
"""Runs one guest test program under every host it is meant for and checks
that they agree.

Hosts: wasishim's reference host (always), Node's WASI (--node), and the same
C source compiled for Linux (--native), whose behaviour is the oracle. Each
host gets a fresh sandbox directory (a copy of the test's fixture, if any)
passed as argv[1]; the wasm hosts preopen it as /sandbox.

Checks, in order:
  * wasishim's exit status equals the `exit` directive (default 0);
  * wasishim's stdout equals NAME.expected next to the source, if present;
  * with --native: wasishim's stdout, exit status and the files left in the
    sandbox equal the native program's;
  * every host's stderr contains each `stderr` directive's text;
  * with --node: Node's stdout and exit status equal wasishim's, unless the
    source says `wasishim-test: node-differs REASON`, in which case the
    difference is shown and not counted (it never relaxes wasishim's checks).

Directives, in comments anywhere in the source:
  wasishim-test: native             also build and run for Linux
  wasishim-test: exit N             expected exit status
  wasishim-test: args A B ...       extra arguments after the sandbox path
  wasishim-test: fixture DIR        copy DIR (relative to the source) into the sandbox
  wasishim-test: env K=V            environment variable for the guest
  wasishim-test: node-differs WHY   Node's WASI is known to behave differently
  wasishim-test: no-node WHY        do not run under Node at all
  wasishim-test: host-args A ...    extra `wasishim run` options
  wasishim-test: no-sandbox-arg     do not pass the sandbox path as argv[1]
  wasishim-test: stderr TEXT        every host's stderr contains TEXT (a message the
                                    program's libc writes there)
  wasishim-test: cflags FLAG ...    compiler options for this program, for the wasm
                                    build and the native one (read by CMake)
  wasishim-test: stdout-closed      the program's stdout is a pipe whose reader has
                                    already gone (as in `prog | head` after head
                                    exits); stdout is then empty on every host
  wasishim-test: read-only-sandbox  the sandbox is read-only: wasishim preopens it
                                    with --dir-ro, the native run sees it through a
                                    read-only bind mount (unshare), Node is not run
                                    (its WASI has no read-only preopen)
"""
import argparse
import difflib
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile

GUEST_ROOT = "/sandbox"
TIMEOUT = 240


def directives(source):
    found = {}
    with open(source, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"wasishim-test:\s*([a-z-]+)\s*(.*?)\s*(\*/)?\s*$", line)
            if m:
                found.setdefault(m.group(1), []).append(m.group(2))
    return found


def snapshot(root):
    """Every file and directory under root, with file contents."""
    tree = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for d in dirnames:
            tree[os.path.normpath(os.path.join(rel, d)) + "/"] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            key = os.path.normpath(os.path.join(rel, name))
            if os.path.islink(path):
                tree[key] = ("link", os.readlink(path))
            else:
                with open(path, "rb") as f:
                    tree[key] = f.read()
    return tree


class Run:
    def __init__(self, host, status, stdout, stderr, tree):
        self.host, self.status, self.stdout, self.stderr, self.tree = host, status, stdout, stderr, tree


def no_core_files():
    # A program killed by SIGABRT or SIGQUIT would otherwise leave a core
    # file in its sandbox.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_host(host, command, sandbox, env, stdout_closed=False):
    stdout = subprocess.PIPE
    if stdout_closed:
        reader, stdout = os.pipe()
        os.close(reader)
    try:
        p = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT, env=env,
                           cwd=sandbox, preexec_fn=no_core_files)
        status, out, err = p.returncode, p.stdout or b"", p.stderr
        # Killed by signal N: the status a shell reports, 128 + N, which is
        # also how wasishim reports a guest that raised N.
        if status < 0:
            status = 128 - status
    except subprocess.TimeoutExpired as e:
        status, out, err = "timeout", e.stdout or b"", (e.stderr or b"") + b"\n[timed out]"
    finally:
        if stdout_closed:
            os.close(stdout)
    return Run(host, status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               snapshot(sandbox))


def diff(a, b, name_a, name_b):
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), name_a, name_b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--node")
    ap.add_argument("--native")
    ap.add_argument("--fixture", help="directory to copy into the sandbox (overrides the directive)")
    ap.add_argument("--arg", action="append", default=[], help="an argument after the sandbox path")
    ap.add_argument("--keep", action="store_true", help="keep the sandboxes")
    ap.add_argument("--engine", choices=["default", "interp", "aot"], default="default",
                    help="wasishim's engine: its default (no flag), --engine=interp or --engine=aot; "
                         "Node runs only with the default (one comparison with Node per program)")
    opts = ap.parse_args()

    d = directives(opts.source)
    src_dir = os.path.dirname(os.path.abspath(opts.source))
    expected_status = int(d.get("exit", ["0"])[0])
    extra_args = shlex.split(" ".join(d.get("args", [])))
    host_args = shlex.split(" ".join(d.get("host-args", [])))
    if opts.engine != "default":
        host_args = ["--engine=" + opts.engine] + host_args
        opts.node = None
    guest_env = [e for e in d.get("env", []) if e]
    fixture = d.get("fixture", [None])[0]
    if opts.fixture:
        fixture = os.path.abspath(opts.fixture)
    extra_args += opts.arg
    guest_root_arg = [] if "no-sandbox-arg" in d else [GUEST_ROOT]
    read_only = "read-only-sandbox" in d
    stdout_closed = "stdout-closed" in d
    if read_only:
        opts.node = None

    base_env = dict(os.environ)
    work = tempfile.mkdtemp(prefix="wasishim-guest-")

    def sandbox_for(host):
        path = os.path.join(work, host)
        if fixture:
            shutil.copytree(os.path.join(src_dir, fixture), path, symlinks=True)
        else:
            os.makedirs(path)
        return path

    runs = {}
    sb = sandbox_for("wasishim")
    cmd = [opts.wasishim, "run", "--dir-ro" if read_only else "--dir", f"{sb}::{GUEST_ROOT}"] + host_args
    for e in guest_env:
        cmd += ["--env", e]
    runs["wasishim"] = run_host("wasishim", cmd + [opts.wasm] + guest_root_arg + extra_args, sb, base_env,
                                stdout_closed)

    if opts.native:
        sb = sandbox_for("native")
        env = dict(base_env)
        for e in guest_env:
            k, _, v = e.partition("=")
            env[k] = v
        native_cmd = [opts.native] + ([sb] if guest_root_arg else []) + extra_args
        if read_only:
            # A read-only bind mount of the sandbox over itself, in a private
            # mount namespace: Linux then answers as for a read-only file system.
            native_cmd = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                          'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"',
                          "sh", sb] + native_cmd
        runs["native"] = run_host("native", native_cmd, sb, env, stdout_closed)

    node_mode = None
    if opts.node and "no-node" not in d:
        node_mode = "differs" if "node-differs" in d else "agree"
        sb = sandbox_for("node")
        node_script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node_run.mjs")
        cmd = [opts.node, "--no-warnings", node_script, "--dir", f"{sb}::{GUEST_ROOT}"]
        for e in guest_env:
            cmd += ["--env", e]
        runs["node"] = run_host("node", cmd + [opts.wasm] + guest_root_arg + extra_args, sb, base_env,
                                stdout_closed)

    failures = []
    w = runs["wasishim"]
    if w.status != expected_status:
        failures.append(f"wasishim exit status {w.status}, expected {expected_status}")
    expected_file = os.path.splitext(opts.source)[0] + ".expected"
    if os.path.exists(expected_file):
        with open(expected_file, encoding="utf-8") as f:
            want = f.read()
        if w.stdout != want:
            failures.append("wasishim output differs from " + os.path.basename(expected_file) + ":\n"
                            + diff(want, w.stdout, "expected", "wasishim"))
    if "native" in runs:
        n = runs["native"]
        if n.status != w.status:
            failures.append(f"exit status: native {n.status}, wasishim {w.status}")
        if n.stdout != w.stdout:
            failures.append("output differs from native Linux:\n" + diff(n.stdout, w.stdout, "native", "wasishim"))
        if n.tree != w.tree:
            only = sorted(set(n.tree) ^ set(w.tree))
            changed = sorted(k for k in set(n.tree) & set(w.tree) if n.tree[k] != w.tree[k])
            failures.append(f"sandbox contents differ from native: only on one side {only}, different {changed}")
    if "node" in runs:
        nd = runs["node"]
        agree = nd.status == w.status and nd.stdout == w.stdout
        if not agree:
            report = (f"Node: exit {nd.status} (wasishim {w.status})\n"
                      + diff(w.stdout, nd.stdout, "wasishim", "node") + nd.stderr[-2000:])
            if node_mode == "differs":
                print("known Node difference (" + "; ".join(d["node-differs"]) + "):\n" + report)
            else:
                failures.append("Node's WASI disagrees with wasishim:\n" + report)

    for text in d.get("stderr", []):
        for r in runs.values():
            if node_mode == "differs" and r.host == "node":
                continue
            if text not in r.stderr:
                failures.append(f"{r.host}'s stderr lacks {text!r}")

    hosts = ", ".join(runs)
    if failures:
        print(f"FAIL {os.path.basename(opts.wasm)} on {hosts}")
        for f in failures:
            print("-", f)
        for r in runs.values():
            if r.stderr:
                print(f"--- {r.host} stderr:\n{r.stderr[-4000:]}")
        print(f"--- wasishim stdout:\n{w.stdout[-4000:]}")
    else:
        print(f"ok {os.path.basename(opts.wasm)}: {len(w.stdout.splitlines())} output lines agree on {hosts}")
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
