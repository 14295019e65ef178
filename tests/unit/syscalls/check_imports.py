#!/usr/bin/env python3
"""Checks a module built from import_signatures.cpp.

  check_imports.py import_signatures.wasm wasishim/wasi_functions.h

Passes when the module imports each wasi_snapshot_preview1 function of the
generated list exactly once, with the signature the list gives it. A second
import of the same name means wasm-ld met two different signatures for it:
syscalls.h disagrees with wasi-libc. A signature other than the list's means
the list (and the host's dispatch table, which is checked against the list
when it compiles) disagrees with wasi-libc's compiled code.
"""
import re
import sys

VALTYPES = {0x7F: "i", 0x7E: "I", 0x7D: "f", 0x7C: "F"}


def expected(header_path):
    """name -> (params, results) from WASISHIM_WASI_FUNCTIONS."""
    with open(header_path) as f:
        text = f.read()
    rows = re.findall(r'^  X\((\w+), "[\w-]+", ([01]), "([iI]*)", "[^"]*"\)', text, re.M)
    if not rows:
        raise SystemExit("%s: no WASISHIM_WASI_FUNCTIONS entries" % header_path)
    return {name: (params, "i" if returns == "1" else "") for name, returns, params in rows}


def leb128(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def name(data, pos):
    length, pos = leb128(data, pos)
    return data[pos:pos + length].decode(), pos + length


def valtypes(data, pos):
    count, pos = leb128(data, pos)
    return "".join(VALTYPES.get(b, "?") for b in data[pos:pos + count]), pos + count


def types(data, pos):
    """The type section's function types as (params, results) strings."""
    out = []
    count, pos = leb128(data, pos)
    for _ in range(count):
        if data[pos] != 0x60:
            raise SystemExit("unexpected type form %#x" % data[pos])
        params, pos = valtypes(data, pos + 1)
        results, pos = valtypes(data, pos)
        out.append((params, results))
    return out


def imports(data):
    """Yields (module, field, kind, signature) from the import section."""
    if data[:8] != b"\0asm\1\0\0\0":
        raise SystemExit("not a wasm module")
    pos = 8
    signatures = []
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb128(data, pos)
        if section == 1:
            signatures = types(data, pos)
        if section != 2:
            pos += size
            continue
        count, pos = leb128(data, pos)
        for _ in range(count):
            module, pos = name(data, pos)
            field, pos = name(data, pos)
            kind, pos = data[pos], pos + 1
            signature = None
            if kind == 0:  # function: type index
                index, pos = leb128(data, pos)
                signature = signatures[index]
            elif kind == 1:  # table: reftype, limits
                flags, pos = leb128(data, pos + 1)
                _, pos = leb128(data, pos)
                if flags & 1:
                    _, pos = leb128(data, pos)
            elif kind == 2:  # memory: limits
                flags, pos = leb128(data, pos)
                _, pos = leb128(data, pos)
                if flags & 1:
                    _, pos = leb128(data, pos)
            elif kind == 3:  # global: valtype, mutability
                pos += 2
            else:
                raise SystemExit(f"unknown import kind {kind}")
            yield module, field, kind, signature
        return


def main():
    if len(sys.argv) != 3:
        raise SystemExit(f"usage: {sys.argv[0]} module.wasm wasishim/wasi_functions.h")
    preview1 = expected(sys.argv[2])
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    seen = {}
    for module, field, kind, signature in imports(data):
        if module == "wasi_snapshot_preview1" and kind == 0:
            seen.setdefault(field, []).append(signature)
    problems = []
    for field, want in preview1.items():
        got = seen.get(field, [])
        if not got:
            problems.append(f"{field}: not imported")
        elif len(got) > 1:
            problems.append(f"{field}: imported {len(got)} times (signatures differ: {got})")
        elif got[0] != want:
            problems.append(f"{field}: imported as {got[0]}, the list says {want}")
    for field in sorted(set(seen) - set(preview1)):
        problems.append(f"{field}: not a preview1 function")
    for problem in problems:
        print(problem)
    if problems:
        raise SystemExit(1)
    print(f"all {len(preview1)} imports have one signature, the list's")


if __name__ == "__main__":
    main()
