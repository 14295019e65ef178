#!/usr/bin/env python3
"""syscalls/gen_wasi_abi.py must refuse an api.h that is not preview1's.

Runs the generator on the real <wasi/api.h> (it must succeed and list 77
errno values, 30 rights and 21 flags) and on doctored copies: one errno value
missing, one right missing, a flag missing, a flag set missing, a renumbered
errno. Each doctored copy must make it fail,
so a different wasi-libc can never shorten the tables silently.
"""
import os
import re
import subprocess
import sys
import tempfile

gen, api = sys.argv[1], sys.argv[2]
with open(api) as f:
    text = f.read()


def run(doctored, label):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "api.h")
        with open(path, "w") as f:
            f.write(doctored)
        out = os.path.join(tmp, "wasishim", "wasi_abi.h")
        r = subprocess.run([sys.executable, gen, "--api", path, "--out", out],
                           capture_output=True, text=True)
        header = open(out).read() if os.path.exists(out) else ""
        print("%s: exit %d %s" % (label, r.returncode, r.stderr.strip()))
        return r.returncode, header


failures = 0
rc, header = run(text, "the real api.h")
errnos = len(re.findall(r'^  X\(\w+, "\w+", \d+\)', header, re.M))
rights_block = header.split("#define WASISHIM_WASI_RIGHTS(X)")[-1].split("#define")[0]
rights = len(re.findall(r"^  X\(\w+, \d+\)", rights_block, re.M))
flags = len(re.findall(r"^  X\(\w+, \d+\)", header, re.M)) - rights
offsets = len(re.findall(r"^  X\(\w+, \w+, \d+\)", header, re.M))
print("generated: %d errno values, %d rights, %d flags, %d field offsets" % (errnos, rights, flags, offsets))
if rc != 0 or errnos != 77 or rights != 30 or flags != 21 or offsets == 0:
    failures += 1

doctored = [
    ("without EILSEQ", re.sub(r"^#define __WASI_ERRNO_ILSEQ .*$", "", text, flags=re.M)),
    ("without the sock_accept right", re.sub(r"^#define __WASI_RIGHTS_SOCK_ACCEPT .*$", "", text, flags=re.M)),
    ("without O_EXCL's flag", re.sub(r"^#define __WASI_OFLAGS_EXCL .*$", "", text, flags=re.M)),
    ("without the riflags set", re.sub(r"^#define __WASI_RIFLAGS_.*$", "", text, flags=re.M)),
    ("notcapable renumbered", text.replace("__WASI_ERRNO_NOTCAPABLE (UINT16_C(76))",
                                           "__WASI_ERRNO_NOTCAPABLE (UINT16_C(77))")),
]
for label, copy in doctored:
    if copy == text:
        print("%s: the doctoring changed nothing; api.h is not as expected" % label)
        failures += 1
        continue
    rc, _ = run(copy, label)
    if rc == 0:
        print("%s: the generator accepted it" % label)
        failures += 1
sys.exit(1 if failures else 0)
