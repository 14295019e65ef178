#!/usr/bin/env python3
"""Every command answers --help and -h with its own usage on stdout and
status 0, as wasmtime's CLI does, and never runs anything; `wasishim help
COMMAND` says the same."""
import subprocess
import sys

WASISHIM = sys.argv[1]
COMMANDS = ["run", "compile", "caps", "cache"]

failures = []


def check(args, want_first_line):
    p = subprocess.run([WASISHIM, *args], capture_output=True, text=True, timeout=60)
    first = p.stdout.splitlines()[0] if p.stdout else ""
    if p.returncode != 0 or not first.startswith(want_first_line) or p.stderr:
        failures.append(f"wasishim {' '.join(args)}: status {p.returncode}, first line {first!r}, "
                        f"stderr {p.stderr[-300:]!r}")


for flag in ("--help", "-h"):
    check([flag], "usage: wasishim")
    for cmd in COMMANDS:
        check([cmd, flag], f"usage: wasishim {cmd}")
        # After other arguments too: a help flag wins over what would be an error.
        check([cmd, "--verbose", flag], f"usage: wasishim {cmd}") if cmd in ("run", "compile") else None
for cmd in COMMANDS:
    check(["help", cmd], f"usage: wasishim {cmd}")

# `run --help` describes the run options, not just the command list.
p = subprocess.run([WASISHIM, "run", "--help"], capture_output=True, text=True, timeout=60)
for option in ("--dir", "--env", "--invoke", "--aot", "--max-call-depth", "--verbose"):
    if option not in p.stdout:
        failures.append(f"'wasishim run --help' does not describe {option}")

for f in failures:
    print("FAIL:", f)
print("ok: help" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
