#!/usr/bin/env python3
"""Checks a module built from import_signatures.cpp.

Passes when the module imports each of the 46 wasi_snapshot_preview1
functions exactly once. A second import of the same name means wasm-ld met two
different signatures for it: syscalls.h disagrees with wasi-libc.
"""
import sys

PREVIEW1 = """
args_get args_sizes_get environ_get environ_sizes_get clock_res_get
clock_time_get fd_advise fd_allocate fd_close fd_datasync fd_fdstat_get
fd_fdstat_set_flags fd_fdstat_set_rights fd_filestat_get fd_filestat_set_size
fd_filestat_set_times fd_pread fd_prestat_get fd_prestat_dir_name fd_pwrite
fd_read fd_readdir fd_renumber fd_seek fd_sync fd_tell fd_write
path_create_directory path_filestat_get path_filestat_set_times path_link
path_open path_readlink path_remove_directory path_rename path_symlink
path_unlink_file poll_oneoff proc_exit proc_raise sched_yield random_get
sock_accept sock_recv sock_send sock_shutdown
""".split()


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


def imports(data):
    """Yields (module, field, kind) from the import section."""
    if data[:8] != b"\0asm\1\0\0\0":
        raise SystemExit("not a wasm module")
    pos = 8
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb128(data, pos)
        if section != 2:
            pos += size
            continue
        count, pos = leb128(data, pos)
        for _ in range(count):
            module, pos = name(data, pos)
            field, pos = name(data, pos)
            kind, pos = data[pos], pos + 1
            if kind == 0:  # function: type index
                _, pos = leb128(data, pos)
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
            yield module, field, kind
        return


def main():
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: {sys.argv[0]} module.wasm")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    seen = {}
    for module, field, kind in imports(data):
        if module == "wasi_snapshot_preview1" and kind == 0:
            seen[field] = seen.get(field, 0) + 1
    problems = []
    for field in PREVIEW1:
        if seen.get(field, 0) == 0:
            problems.append(f"{field}: not imported")
        elif seen[field] > 1:
            problems.append(f"{field}: imported {seen[field]} times (signatures differ)")
    for field in sorted(set(seen) - set(PREVIEW1)):
        problems.append(f"{field}: not a preview1 function")
    for problem in problems:
        print(problem)
    if problems:
        raise SystemExit(1)
    print(f"all {len(PREVIEW1)} imports have one signature")


if __name__ == "__main__":
    main()
