#!/usr/bin/env python3
"""The host's layer rules, checked against the build itself.

Each host component is a target whose include root holds its own headers
only (host/CMakeLists.txt). For every host target this test takes the exact
command the build compiles one of its sources with (compile_commands.json)
and compiles, in its place, one-line files that include a header:

  * a header of its own must compile (the control);
  * a header of a component it must not use must fail, because the header is
    not found.

So a target that gains a forbidden dependency, or a component whose headers
become reachable from everywhere, fails this test. It also fails for a host
target that has no rules here, and for an include that climbs out of its
directory ("../"), which would step around the include roots.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

# One header per component, to probe with.
ABI = "abi/guest_memory.h"
API = "wasishim/host.h"
UNIQUE_FD = "sandbox/unique_fd.h"
SANDBOX = "sandbox/resolve.h"
WASI = "wasi/context.h"
WASI_TYPES = "wasi/types.h"
WASI_POLICY = "wasi/policy.h"
RUNTIME = "engine/runtime.h"
AOT_CACHE = "engine/aot_cache.h"
MODULE = "engine/module_info.h"
INTERP = "engine/interp_engine.h"
AOT_COMPILER = "engine/aot_compile.h"
AOT_LOADER = "engine/aot_engine.h"
CLI = "cli/exit_status.h"

EVERY = [ABI, API, UNIQUE_FD, SANDBOX, WASI, WASI_TYPES, WASI_POLICY, RUNTIME, AOT_CACHE,
         MODULE, INTERP, AOT_COMPILER, AOT_LOADER, CLI]


def rule(allowed):
    # The first allowed header is compiled as the control: it shows the
    # command works, so the forbidden ones fail for the reason checked.
    return {"control": allowed[:1], "allowed": allowed,
            "forbidden": [h for h in EVERY if h not in allowed]}


# Target -> the probe headers its sources may include (its own first); every
# other probe header must be out of its reach. Header-only components are compiled through their
# *_header_check targets.
RULES = {
    "wasishim_abi_header_check": rule([ABI]),
    "wasishim_api_header_check": rule([API]),
    "wasishim_unique_fd_header_check": rule([UNIQUE_FD]),
    "wasishim_engine_runtime": rule([RUNTIME]),
    "wasishim_sandbox": rule([SANDBOX, UNIQUE_FD]),
    "wasishim_wasi": rule([WASI, WASI_TYPES, WASI_POLICY, ABI, API, UNIQUE_FD, SANDBOX]),
    "wasishim_aot_cache": rule([AOT_CACHE, API]),
    "wasishim_engine_module": rule([MODULE, AOT_CACHE, API]),
    "wasishim_interp": rule([INTERP, RUNTIME]),
    "wasishim_aot_compiler": rule([AOT_COMPILER, MODULE, AOT_CACHE, API]),
    "wasishim_aot_loader": rule([AOT_LOADER, AOT_COMPILER, AOT_CACHE, MODULE, RUNTIME, WASI,
                                 WASI_TYPES, WASI_POLICY, ABI, API, UNIQUE_FD]),
    "wasishim_host": rule([API, WASI, WASI_TYPES, WASI_POLICY, ABI, UNIQUE_FD, RUNTIME, AOT_CACHE,
                           MODULE, INTERP, AOT_COMPILER, AOT_LOADER]),
    "wasishim": rule([API, CLI]),
}
# The host's own targets (host/CMakeFiles/...), not the host's unit tests
# (tests/unit/host/CMakeFiles/...).
TARGET_OF_OUTPUT = re.compile(r"(?:^|/)(?<!unit/)host/CMakeFiles/([^/]+)\.dir/")


def host_commands(compile_commands):
    """Target name -> (directory, argv) of one C++ source of that target."""
    by_target = {}
    for entry in compile_commands:
        argv = shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])
        if "-o" not in argv:
            continue
        match = TARGET_OF_OUTPUT.search(argv[argv.index("-o") + 1])
        if not match or not entry["file"].endswith(".cpp"):
            continue
        by_target.setdefault(match.group(1), (entry["directory"], argv, entry["file"]))
    return by_target


def probe_argv(argv, source, probe):
    """The build's command for `source`, compiling `probe` instead, to nothing."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MT", "-MF"):
            skip = True
            continue
        if arg in ("-c", "-MD", "-MMD", source):
            continue
        out.append(arg)
    return out + ["-fsyntax-only", probe]


def run_probe(target, directory, argv, source, header, scratch):
    probe = os.path.join(scratch, target + "__" + re.sub(r"[^A-Za-z0-9]", "_", header) + ".cpp")
    with open(probe, "w") as f:
        f.write(f'#include "{header}"\n')
    r = subprocess.run(probe_argv(argv, source, probe), cwd=directory, capture_output=True, text=True)
    return r.returncode, r.stderr


def climbing_includes(host_dir):
    bad = []
    include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
    for root, _, files in os.walk(host_dir):
        for f in files:
            if not f.endswith((".h", ".c", ".cpp", ".in")):
                continue
            path = os.path.join(root, f)
            with open(path, errors="replace") as src:
                for n, line in enumerate(src, 1):
                    m = include.match(line)
                    if m and (".." in m.group(1).split("/") or m.group(1).startswith("/")):
                        bad.append(f"{path}:{n}: {line.strip()}")
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compile-commands", required=True)
    ap.add_argument("--host-dir", required=True)
    args = ap.parse_args()

    with open(args.compile_commands) as f:
        commands = host_commands(json.load(f))
    failures = []
    for target in sorted(set(commands) - set(RULES)):
        failures.append(f"{target}: a host target with no layering rules in {__file__}")
    for target in sorted(set(RULES) - set(commands)):
        failures.append(f"{target}: no compile command in {args.compile_commands}")

    jobs = []
    with tempfile.TemporaryDirectory() as scratch, \
            concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for target, (directory, argv, source) in sorted(commands.items()):
            if target not in RULES:
                continue
            for kind in ("control", "forbidden"):
                for header in RULES[target][kind]:
                    jobs.append((target, kind, header,
                                 pool.submit(run_probe, target, directory, argv, source, header, scratch)))
        checked = 0
        for target, kind, header, job in jobs:
            code, err = job.result()
            checked += 1
            if kind == "control" and code != 0:
                failures.append(f"{target}: may include {header}, but it does not compile:\n{err}")
            elif kind == "forbidden" and code == 0:
                failures.append(f"{target}: must not reach {header}, but it compiles")
            elif kind == "forbidden" and f"{header}: No such file or directory" not in err:
                failures.append(f"{target}: {header} failed for another reason than not being found:\n{err}")

    failures += [f"include climbing out of its directory: {b}" for b in climbing_includes(args.host_dir)]
    print(f"{len(RULES)} host targets, {checked} probes "
          f"({sum(1 for j in jobs if j[1] == 'forbidden')} forbidden includes)")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
