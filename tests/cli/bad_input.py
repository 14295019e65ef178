#!/usr/bin/env python3
"""`wasishim run` on bad input: each case must print exactly one line on
stderr naming the problem and exit with the documented status, which is never
one a guest can produce for itself (docs/host.md)."""
import os
import subprocess
import sys
import tempfile

WASISHIM, WAT2WASM = sys.argv[1], sys.argv[2]

GUEST_HIGH, HOST_ERROR, NOT_FOUND, TRAP = 125, 126, 127, 134

MODULES = {
    "reactor": """(module (memory (export "memory") 1)
                    (func (export "_initialize")) (func (export "add") (param i32 i32) (result i32)
                      local.get 0 local.get 1 i32.add))""",
    "unknown_import": """(module (import "env" "mystery" (func))
                           (memory (export "memory") 1) (func (export "_start")))""",
    "unknown_wasi": """(module (import "wasi_snapshot_preview1" "fd_teleport" (func (param i32) (result i32)))
                         (memory (export "memory") 1) (func (export "_start")))""",
    "wrong_signature": """(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
                            (memory (export "memory") 1) (func (export "_start")))""",
    "trap": """(module (memory (export "memory") 1)
                 (func $explode (unreachable)) (func (export "_start") (call $explode)))""",
    "exit_200": """(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                     (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 200))))""",
    "exit_124": """(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                     (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 124))))""",
    "oob": """(module (memory (export "memory") 1)
                (func (export "_start") (drop (i32.load (i32.const 70000)))))""",
}

# name -> (expected status, words the single stderr line must contain)
CASES = {
    "missing": (NOT_FOUND, ["cannot read module", "No such file"]),
    "not_wasm": (HOST_ERROR, ["not a WebAssembly module"]),
    "truncated": (HOST_ERROR, ["not a valid module"]),
    "reactor": (HOST_ERROR, ["_start"]),
    "unknown_import": (HOST_ERROR, ["unknown import", "env::mystery"]),
    "unknown_wasi": (HOST_ERROR, ["unknown import", "fd_teleport"]),
    "wrong_signature": (HOST_ERROR, ["fd_write", "expected"]),
    "trap": (TRAP, ["trap", "unreachable", "in function explode"]),
    "oob": (TRAP, ["trap", "out of bounds"]),
    "exit_200": (GUEST_HIGH, ["200"]),
    "exit_124": (124, []),
}


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        paths = {}
        for name, text in MODULES.items():
            wat = os.path.join(work, name + ".wat")
            with open(wat, "w") as f:
                f.write(text)
            paths[name] = os.path.join(work, name + ".wasm")
            subprocess.run([WAT2WASM, "--debug-names", wat, "-o", paths[name]], check=True)
        paths["missing"] = os.path.join(work, "does-not-exist.wasm")
        paths["not_wasm"] = os.path.join(work, "text.wasm")
        with open(paths["not_wasm"], "w") as f:
            f.write("just some text, not a module\n")
        paths["truncated"] = os.path.join(work, "truncated.wasm")
        with open(paths["reactor"], "rb") as f:
            whole = f.read()
        with open(paths["truncated"], "wb") as f:
            f.write(whole[: len(whole) // 2])

        for name, (status, words) in CASES.items():
            # The default engine on a cache of the test's own: each module's
            # first run, so the trap location comes from the quick tier.
            env = dict(os.environ, WASISHIM_CACHE_DIR=os.path.join(work, "cache"), WASISHIM_AOT_BACKGROUND="0")
            p = subprocess.run([WASISHIM, "run", paths[name]], capture_output=True, text=True, timeout=60, env=env)
            lines = [l for l in p.stderr.splitlines() if l.strip()]
            problems = []
            if p.returncode != status:
                problems.append(f"exit status {p.returncode}, expected {status}")
            if words and len(lines) != 1:
                problems.append(f"{len(lines)} stderr lines, expected exactly 1")
            if not words and lines:
                problems.append("unexpected stderr output")
            for w in words:
                if w not in p.stderr:
                    problems.append(f"stderr lacks {w!r}")
            if problems:
                failures += 1
                print(f"FAIL {name}: {'; '.join(problems)}\n  stderr: {p.stderr.strip()!r}")
            else:
                print(f"ok {name}: status {p.returncode} {lines[0] if lines else ''}")
    print(f"{len(CASES) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
