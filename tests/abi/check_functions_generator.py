#!/usr/bin/env python3
"""syscalls/gen_wasi_functions.py must refuse a list that disagrees with api.h.

  check_functions_generator.py GENERATOR API_H TABLE

Runs the generator on the real api.h and table (it must succeed and list 46
functions, 45 of them wasi-libc's) and on doctored copies of each: a function
missing from the table, a function api.h lacks with no declared signature, a
wrong number of result names, a function api.h lost, a parameter api.h
spells in a way the generator does not know. Each must make it fail, so the
list can never silently drift from the specification's header.
"""
import os
import re
import subprocess
import sys
import tempfile

gen, api_path, table_path = sys.argv[1:4]
with open(api_path) as f:
    api = f.read()
with open(table_path) as f:
    table = f.read()


def run(api_text, table_text, label):
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, text in (("api.h", api_text), ("preview1.functions", table_text)):
            paths[name] = os.path.join(tmp, name)
            with open(paths[name], "w") as f:
                f.write(text)
        r = subprocess.run([sys.executable, gen, "--api", paths["api.h"], "--table",
                            paths["preview1.functions"], "--out-dir", tmp],
                           capture_output=True, text=True)
        header = os.path.join(tmp, "wasishim", "wasi_functions.h")
        text = open(header).read() if os.path.exists(header) else ""
        print("%s: exit %d %s" % (label, r.returncode, r.stderr.strip()))
        return r.returncode, text


failures = 0
rc, header = run(api, table, "the real api.h and table")
listed = len(re.findall(r'^  X\(\w+, "[\w-]+", [01], "[iI]*", "[^"]*"\) ?\\?$', header, re.M))
libc = len(re.findall(r"^  X\(\w+\) ?\\?$", header, re.M))
print("generated: %d functions, %d of them wasi-libc's" % (listed, libc))
if rc != 0 or listed != 46 or libc != 45:
    failures += 1

doctored = [
    ("fd_sync missing from the table", api,
     re.sub(r"^fd_sync .*\n", "", table, flags=re.M)),
    ("proc_raise without its declared signature", api,
     re.sub(r"declared\(.*$", "", table, flags=re.M)),
    ("fd_read with two result names", api,
     re.sub(r"^(fd_read\s+\S+\s+)nread", r"\1string_list_sizes(a, b)", table, flags=re.M)),
    ("api.h without fd_advise", api.replace("__wasi_errno_t __wasi_fd_advise(", "__wasi_errno_t __wasi_fd_advised("),
     table),
    ("a parameter of an unknown type",
     api.replace("__wasi_errno_t __wasi_fd_read(\n    __wasi_fd_t fd,",
                 "__wasi_errno_t __wasi_fd_read(\n    struct mystery fd,"), table),
]
for label, api_copy, table_copy in doctored:
    if api_copy == api and table_copy == table:
        print("%s: the doctoring changed nothing; the inputs are not as expected" % label)
        failures += 1
        continue
    rc, _ = run(api_copy, table_copy, label)
    if rc == 0:
        print("%s: the generator accepted it" % label)
        failures += 1
sys.exit(1 if failures else 0)
