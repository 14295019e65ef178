#!/usr/bin/env python3
"""Generates the code of the wasi_snapshot_preview1 functions from one list.

Inputs: wasi-libc's <wasi/api.h> (the specification's generated header, with
every function's parameters, their types and the spec's doc comments) and
syscalls/preview1.functions (the list of functions, each with its capability
group and the names of its results). The two must agree: a function one has
and the other lacks is an error, never a silently shorter list.

Outputs, in --out-dir:
  wasishim/wasi_imports.h    the guest's raw imports and typed wrappers
                             (included by wasishim/syscalls.h)
  wasishim/wasi_functions.h  X-macros for the host and the tests: the list with
                             groups, wasm signatures and trace descriptors; the
                             host's parameter lists; wasi-libc's own functions

  gen_wasi_functions.py --api .../wasi/api.h --table syscalls/preview1.functions --out-dir DIR

Each output is rewritten only when it changes (no needless rebuilds).
"""
import argparse
import collections
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from gen_wasi_abi import read_api, write_if_changed, x_macro  # noqa: E402 (after the line above)

# The ABI's scalar typedefs whose guest spelling is NAME_t (the others are
# enums or flags, spelt as the type's name, or structs).
SCALAR_ALIASES = {"fd", "filesize", "filedelta", "timestamp", "dircookie", "dirnamlen", "inode",
                  "device", "linkcount", "userdata", "exitcode", "rights"}
INT_WIDTHS = {"uint8_t": 8, "uint16_t": 16, "uint32_t": 32, "int32_t": 32, "int": 32,
              "uint64_t": 64, "int64_t": 64, "__SIZE_TYPE__": 32, "size_t": 32}


class TableError(Exception):
    pass


# One function as the outputs need it: its line of the table, its lowered
# parameters and results, the spec's description, and whether api.h has it.
Function = collections.namedtuple(
    "Function", "name group returns ins outs results doc in_api_h")


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def typedef_widths(text):
    """__wasi_X_t -> width in bits, for the integer typedefs of api.h."""
    widths = {}
    for m in re.finditer(r"^typedef\s+(\w+)\s+__wasi_(\w+)_t;", text, re.M):
        if m.group(1) in INT_WIDTHS:
            widths[m.group(2)] = INT_WIDTHS[m.group(1)]
    return widths


FUNCTION = re.compile(r"(/\*\*(?:(?!\*/).)*\*/)?\s*(_Noreturn\s+)?(\w+)\s+__wasi_(\w+)\s*\(((?:[^()]|\([^()]*\))*)\)\s*"
                      r"(?:__attribute__\(\(__warn_unused_result__\)\)\s*)?;", re.S)


def api_functions(text):
    """name -> (returns, [(type, name)], doc) for each function api.h declares."""
    out = {}
    for m in FUNCTION.finditer(text):
        doc, noreturn, ret, name, params = m.groups()
        if ret not in ("__wasi_errno_t", "void"):
            continue
        out[name] = (not noreturn and ret != "void", split_params(strip_comments(params)),
                     clean_doc(doc))
    return out


def split_params(params):
    params = " ".join(params.split())
    if params in ("", "void"):
        return []
    out = []
    for p in params.split(","):
        p = p.replace("*", " * ").split()
        out.append((" ".join(p[:-1]), p[-1]))
    return out


def clean_doc(doc):
    if not doc:
        return []
    lines = [re.sub(r"^\s*\*\s?", "", line).rstrip() for line in doc[3:-2].splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


class Param:
    """One parameter as the ABI passes it: a scalar, a pointer, or a
    (pointer, length) pair, which is two wasm parameters."""

    def __init__(self, name, kind, guest, width=32, fmt="d"):
        self.name, self.kind, self.guest, self.width, self.fmt = name, kind, guest, width, fmt

    def wasm(self):
        if self.kind == "pair":
            return "ii"
        return "I" if self.kind == "scalar" and self.width == 64 else "i"


def guest_type(spec_type):
    if spec_type == "size":
        return "size_t"
    return spec_type + "_t" if spec_type in SCALAR_ALIASES else spec_type


def lower(function, params, widths, results, text_params):
    """The parameters and results of one function in wasishim's model."""
    ins, outs = [], []
    i = 0
    while i < len(params):
        ctype, name = params[i]
        nxt = params[i + 1] if i + 1 < len(params) else None
        has_len = nxt is not None and nxt[1] == name + "_len"
        m = re.fullmatch(r"(const )?__wasi_(\w+)_t( \*)?", ctype)
        if ctype == "const char *":
            ins.append(Param(name, "pair", "const char*", fmt="s"))
        elif ctype == "uint8_t * *":
            ins.append(Param(name, "ptr", "char**", fmt="p"))
        elif ctype == "uint8_t *" and has_len:
            text = name in text_params
            ins.append(Param(name, "pair", "char*" if text else "void*", fmt="t" if text else "p"))
            i += 1
        elif ctype == "uint8_t *":
            ins.append(Param(name, "ptr", "char*", fmt="p"))
        elif m and m.group(3) and name.startswith("retptr"):
            outs.append(m.group(2))
        elif m and m.group(3) and has_len:
            # An iovec array: data the host reads (ciovec) or fills (iovec).
            ins.append(Param(name, "pair", "const %s*" % m.group(2),
                             fmt="I" if m.group(2) == "ciovec" else "O"))
            i += 1
        elif m and m.group(3):
            ins.append(Param(name, "ptr", "%s%s*" % (m.group(1) or "", m.group(2)), fmt="p"))
        elif m and m.group(2) in widths:
            spec = m.group(2)
            hexa = spec.endswith("flags") or spec == "rights"
            ins.append(Param(name, "scalar", guest_type(spec), widths[spec], "x" if hexa else "d"))
        else:
            raise TableError("%s: cannot lower parameter '%s %s'" % (function, ctype, name))
        i += 1
    if len(outs) != len(results.names):
        raise TableError("%s: api.h returns %d value(s), the table names %d"
                         % (function, len(outs), len(results.names)))
    result_params = []
    for spec, name in zip(outs, results.names):
        width = widths.get(spec)
        result_params.append(Param(name, "out", guest_type(spec), width or 0,
                                   str(width // 8) if width else "r"))
    return ins, result_params


class Results:
    def __init__(self, text):
        m = re.fullmatch(r"(\w+)\(([\w, ]+)\)", text)
        if text == "-":
            self.struct, self.names = None, []
        elif m:
            self.struct, self.names = m.group(1), [n.strip() for n in m.group(2).split(",")]
        elif re.fullmatch(r"\w+", text):
            self.struct, self.names = None, [text]
        else:
            raise TableError("bad results '%s'" % text)


def read_table(path):
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"(\w+)\s+([\w-]+)\s+(-|\w+(?:\([\w, ]+\))?)\s*(.*)", line)
            if not m:
                raise TableError("%s:%d: cannot read '%s'" % (path, number, line))
            rows.append((m.group(1), m.group(2), Results(m.group(3)), m.group(4).strip()))
    return rows


def functions(api_text, rows):
    """[Function], in table order."""
    widths = typedef_widths(api_text)
    declared = api_functions(api_text)
    names = [r[0] for r in rows]
    if len(set(names)) != len(names):
        raise TableError("the table names a function twice")
    missing = sorted(set(declared) - set(names))
    if missing:
        raise TableError("api.h declares functions the table lacks: " + ", ".join(missing))
    out = []
    for name, group, results, notes in rows:
        text_params = re.findall(r"text=(\w+)", notes)
        m = re.search(r"declared\(([^)]*)\)((?:\s+\w+=\w+)*)", notes)
        if name in declared:
            if m:
                raise TableError("%s: api.h declares it; the table must not" % name)
            returns, params, doc = declared[name]
            fn_widths = widths
        elif m:
            fn_widths = dict(widths)
            for t, w in re.findall(r"__wasi_(\w+)_t=(\w+)", m.group(2)):
                fn_widths[t] = INT_WIDTHS[w]
            returns, params, doc = True, split_params(m.group(1)), []
        else:
            raise TableError("%s: not in api.h, and the table gives no declared(...)" % name)
        ins, outs = lower(name, params, fn_widths, results, text_params)
        out.append(Function(name, group, returns, ins, outs, results, doc, name in declared))
    return out


def host_params(ins, outs):
    parts = ["GuestMemory&"]
    for p in ins:
        if p.kind == "pair":
            parts += ["uint32_t " + p.name, "uint32_t " + p.name + "_len"]
        else:
            parts.append(("uint64_t " if p.width == 64 else "uint32_t ") + p.name)
    parts += ["uint32_t %s_out" % p.name for p in outs]
    return "(" + ", ".join(parts) + ")"


def trace_descriptor(ins, outs):
    parts = []
    for p in ins:
        parts.append("%s:%s" % (p.name, p.fmt))
        if p.kind == "pair":
            parts.append("%s_len:d" % p.name)
    parts += ["%s:%s" % (p.name, p.fmt) for p in outs]
    return ",".join(parts)


def macro(name, comment, entries):
    return ["// " + c for c in comment] + x_macro(name, entries) + [""]


def render_functions(fns, source):
    out = ["// Generated by syscalls/gen_wasi_functions.py from %s: do not edit." % source,
           "// The wasi_snapshot_preview1 functions, for the host and the tests.",
           "#pragma once", "",
           "#define WASISHIM_WASI_FUNCTION_COUNT %d" % len(fns), ""]
    out += macro("WASISHIM_WASI_FUNCTIONS", [
        "X(name, \"group\", returns_errno, \"wasm parameters\", \"trace descriptor\"), in the",
        "specification's order. Wasm parameters: 'i' i32, 'I' i64. The trace",
        "descriptor is name:format per wasm parameter: d decimal, x hex, p pointer,",
        "s text in (with its _len), I/O the first iovec sent/filled, t text out,",
        "1/2/4/8 a result of that many bytes, r a result struct."],
        ["%s, \"%s\", %d, \"%s\", \"%s\"" % (f.name, f.group, f.returns,
                                            "".join(p.wasm() for p in f.ins + f.outs),
                                            trace_descriptor(f.ins, f.outs))
         for f in fns])
    out += macro("WASISHIM_WASI_HOST_PARAMS", [
        "X(name, (GuestMemory&, uint32_t|uint64_t parameter...)): the host's",
        "parameters of each function, in ABI order."],
        ["%s, %s" % (f.name, host_params(f.ins, f.outs)) for f in fns])
    out += macro("WASISHIM_WASI_LIBC_FUNCTIONS", [
        "X(name) for each function wasi-libc's <wasi/api.h> declares (__wasi_name)."],
        [f.name for f in fns if f.in_api_h])
    return "\n".join(out)


def guest_params(ins):
    """The guest's C parameters for `ins`, and the names to pass them by."""
    params, names = [], []
    for p in ins:
        params.append("%s %s" % (p.guest, p.name))
        names.append(p.name)
        if p.kind == "pair":
            params.append("size_t %s_len" % p.name)
            names.append(p.name + "_len")
    return params, names


def wrapper(f):
    name, returns, ins, outs, results = f.name, f.returns, f.ins, f.outs, f.results
    lines = ["// " + d if d else "//" for d in f.doc]
    params, args = guest_params(ins)
    if not returns:
        lines.append("[[noreturn]] inline void %s(%s) {" % (name, ", ".join(params)))
        lines.append("  __wasishim_sys_%s(%s);" % (name, ", ".join(args)))
        return lines + ["}", ""]
    if not outs:
        lines.append("inline result<void> %s(%s) {" % (name, ", ".join(params)))
        lines.append("  return detail::to_result(__wasishim_sys_%s(%s));" % (name, ", ".join(args)))
        return lines + ["}", ""]
    if results.struct:
        value, ty = "out", results.struct
        args += ["&out.%s" % p.name for p in outs]
    else:
        value, ty = outs[0].name, outs[0].guest
        args.append("&" + value)
    lines.append("inline result<%s> %s(%s) {" % (ty, name, ", ".join(params)))
    lines.append("  %s %s{};" % (ty, value))
    lines.append("  const uint16_t code = __wasishim_sys_%s(%s);" % (name, ", ".join(args)))
    lines.append("  return detail::to_result(code, %s);" % value)
    return lines + ["}", ""]


def render_imports(fns, source):
    out = ["// Generated by syscalls/gen_wasi_functions.py from %s: do not edit." % source,
           "// The raw wasi_snapshot_preview1 imports and their typed wrappers; included",
           "// by wasishim/syscalls.h inside namespace wasishim::sys, for wasm32 only.",
           "",
           "// Raw imports: ABI values in, errno out. Enums and flags travel as their",
           "// fixed underlying integers, which clang widens to i32 as the core wasm",
           "// signature requires.",
           "extern \"C\" {"]
    for f in fns:
        params = guest_params(f.ins)[0] + ["%s* %s" % (p.guest, p.name) for p in f.outs]
        attr = "[[nodiscard]]" if f.returns else "[[noreturn]]"
        out.append("%s __attribute__((import_module(\"wasi_snapshot_preview1\"), import_name(\"%s\")))"
                   % (attr, f.name))
        out.append("%s __wasishim_sys_%s(%s);" % ("uint16_t" if f.returns else "void", f.name,
                                                 ", ".join(params)))
    out += ["}  // extern \"C\"", "",
            "// Typed wrappers, one per import, with the specification's description.",
            "// Results returned through pointers become the result's value.", ""]
    for f in fns:
        out += wrapper(f)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--api", required=True, help="wasi-libc's wasi/api.h")
    ap.add_argument("--table", required=True, help="syscalls/preview1.functions")
    ap.add_argument("--out-dir", required=True, help="where wasishim/*.h are written")
    args = ap.parse_args()
    api_text = read_api(args.api)
    try:
        fns = functions(api_text, read_table(args.table))
    except (OSError, TableError) as e:
        raise SystemExit("gen_wasi_functions.py: %s" % e)
    source = "<wasi/api.h> and syscalls/preview1.functions"
    write_if_changed(os.path.join(args.out_dir, "wasishim", "wasi_functions.h"),
                     render_functions(fns, source))
    write_if_changed(os.path.join(args.out_dir, "wasishim", "wasi_imports.h"),
                     render_imports(fns, source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
