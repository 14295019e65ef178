#!/usr/bin/env python3
"""The link check for wasi-libc objects the shim replaces.

For every object named in the lists (replaced-objects.txt: taken out of
wasishim's libc.a; overridden-objects.txt: left in, but shadowed by the shim),
lists the symbols the object defines in the base wasi-libc libc.a and fails
when libwasishim-posix.a does not define one: a program would then link the
object from libc.a and get duplicate definitions, or miss the symbol.

With --aliases (wasilibc-aliases.txt, from which the build generates the
shim's __wasilibc_* entry points), also checks that each row names a replaced
object that defines its name in the base libc.a, so the table and
replaced-objects.txt agree.

With --sysroot-libc, also checks that wasishim's libc.a holds none of the
replaced objects, and that every symbol the shim defines and wasishim's libc.a
also defines belongs to an overridden object (any other would be a duplicate
definition waiting for the program that pulls both); a weak definition there
is no duplicate.

Standard library only; symbols come from llvm-nm.
"""
import argparse
import subprocess
import sys


def read_list(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line)
    return names


def read_alias_table(path):
    """(object, name) for each row of wasilibc-aliases.txt."""
    rows = []
    for line in read_list(path):
        cells = [c.strip() for c in line.split("|")]
        rows.append((cells[0], cells[1] if len(cells) > 1 else ""))
    return rows


def defined_symbols(nm, archive, strong_only=False):
    """{object: set(symbols)} for the external symbols each member defines;
    with strong_only, without weak definitions, which never clash with
    another definition (musl's weak dummies, such as __lctrans.o's
    __lctrans_impl, stand in until the real object is linked)."""
    out = subprocess.run([nm, "-A", "--defined-only", "--extern-only", archive],
                         capture_output=True, text=True, check=True).stdout
    table = {}
    for line in out.splitlines():
        # "<archive>:<member>: <addr> <type> <name>"
        head, _, rest = line.rpartition(": ")
        parts = rest.split()
        if len(parts) < 2 or ":" not in head:
            continue
        member = head.rsplit(":", 1)[1]
        kind, name = parts[-2], parts[-1]
        if strong_only and kind in "VWvw":
            continue
        if kind in "TDBRVWCi" or kind.isupper():
            table.setdefault(member, set()).add(name)
    return table


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nm", required=True)
    ap.add_argument("--base-libc", required=True, help="wasi-libc's libc.a")
    ap.add_argument("--shim", required=True, help="libwasishim-posix.a")
    ap.add_argument("--replaced", required=True, help="replaced-objects.txt")
    ap.add_argument("--overridden", help="overridden-objects.txt")
    ap.add_argument("--aliases", help="wasilibc-aliases.txt")
    ap.add_argument("--sysroot-libc", help="wasishim's libc.a")
    opts = ap.parse_args()

    base = defined_symbols(opts.nm, opts.base_libc)
    shim_defs = set().union(*defined_symbols(opts.nm, opts.shim).values())
    replaced = read_list(opts.replaced)
    overridden = read_list(opts.overridden) if opts.overridden else []

    failures = []
    checked = 0
    for obj in replaced + overridden:
        if obj not in base:
            failures.append(f"{obj}: not in {opts.base_libc} (or defines nothing)")
            continue
        for sym in sorted(base[obj]):
            checked += 1
            if sym not in shim_defs:
                failures.append(f"{obj}: defines {sym}, which libwasishim-posix.a does not")

    if opts.aliases:
        for obj, name in read_alias_table(opts.aliases):
            if obj not in replaced:
                failures.append(f"{name}: {opts.aliases} names {obj}, which is not replaced")
            elif name not in base.get(obj, ()):
                failures.append(f"{name}: {opts.aliases} names {obj}, which does not define it")

    if opts.sysroot_libc:
        ours = defined_symbols(opts.nm, opts.sysroot_libc, strong_only=True)
        members = defined_symbols(opts.nm, opts.sysroot_libc)
        for obj in replaced:
            if obj in members:
                failures.append(f"{obj}: still in {opts.sysroot_libc}")
        for obj, syms in sorted(ours.items()):
            if obj in overridden:
                continue
            for sym in sorted(syms & shim_defs):
                failures.append(f"{sym}: defined by both the shim and {obj} in wasishim's libc.a "
                                f"(replace or override {obj})")

    if failures:
        print("link check FAILED:")
        for f in failures:
            print("  " + f)
        return 1
    print(f"ok: {len(replaced)} replaced and {len(overridden)} overridden objects, "
          f"{checked} symbols, all defined by the shim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
