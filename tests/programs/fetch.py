#!/usr/bin/env python3
"""Fetch the third-party programs wasishim is tested on, from the npm registry,
and the i386 build of Debian's lmdb-utils that verifies LMDB's output.

    fetch.py --cache DIR --src DIR [PACKAGE ...]

For each package pinned in checksums.txt (beside this script) the tarball is
taken from the cache directory if its sha256 matches; otherwise `npm pack`
fetches it into the cache and it is verified before use. Only the files the
build needs are extracted, into --src/<name>/. Nothing here is ever committed:
the cache and the sources live in the build tree.

A stamp file (--src/<name>/.extracted) records the checksum of the tarball the
tree came from, so a re-run with a valid cache does no network access and no
extraction.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Which members of each tarball the build uses, and where they go under src/<name>/.
MEMBERS = {
    "better-sqlite3": {
        "package/deps/sqlite3/sqlite3.c": "sqlite3.c",
        "package/deps/sqlite3/sqlite3.h": "sqlite3.h",
    },
    "lmdb": {
        f"package/dependencies/lmdb-data-v1/libraries/liblmdb/{f}": f
        for f in ["mdb.c", "midl.c", "midl.h", "lmdb.h", "mtest.c", "mtest2.c", "mtest3.c",
                  "mtest4.c", "mtest5.c", "LICENSE", "COPYRIGHT"]
    },
}


def read_checksums():
    pins = {}
    with open(os.path.join(HERE, "checksums.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            spec, digest, filename = line.split()
            name = spec.split("=")[0].split(":")[1] + "-" + spec.split("=")[0].split(":")[2] \
                if spec.startswith("deb:") else spec.rsplit("@", 1)[0]
            pins[name] = (spec, digest, filename)
    return pins


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_tarball(spec, digest, filename, cache):
    path = os.path.join(cache, filename)
    if os.path.exists(path):
        if sha256(path) == digest:
            return path
        print(f"fetch.py: cached {filename} has the wrong checksum; fetching again", file=sys.stderr)
        os.remove(path)
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        print(f"fetch.py: npm pack {spec}", file=sys.stderr)
        subprocess.run(["npm", "pack", spec, "--pack-destination", tmp, "--silent"],
                       check=True, stdout=subprocess.DEVNULL)
        got = os.path.join(tmp, filename)
        if not os.path.exists(got):
            sys.exit(f"fetch.py: npm pack {spec} did not produce {filename}: {os.listdir(tmp)}")
        actual = sha256(got)
        if actual != digest:
            sys.exit(f"fetch.py: {spec}: checksum mismatch\n  expected {digest}\n  got      {actual}")
        os.replace(got, path)
    return path


APT_I386 = ["-o", "APT::Architectures::=amd64", "-o", "APT::Architectures::=i386"]


def fetch_deb(spec, digest, filename, cache):
    """apt-get download of a foreign-architecture package, without adding the
    architecture to dpkg: only apt's package lists learn about i386."""
    path = os.path.join(cache, filename)
    if os.path.exists(path) and sha256(path) == digest:
        return path
    os.makedirs(cache, exist_ok=True)
    pkg = spec[len("deb:"):]
    cmd = ["apt-get", *APT_I386, "download", pkg]
    print(f"fetch.py: apt-get download {pkg}", file=sys.stderr)
    if subprocess.run(cmd, cwd=cache, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", *APT_I386, "update"], stdout=subprocess.DEVNULL)
        subprocess.run(cmd, cwd=cache, check=True, stdout=subprocess.DEVNULL)
    actual = sha256(path)
    if actual != digest:
        os.remove(path)
        sys.exit(f"fetch.py: {spec}: checksum mismatch\n  expected {digest}\n  got      {actual}")
    return path


def extract_deb(name, deb, digest, src):
    dest = os.path.join(src, name)
    stamp = os.path.join(dest, ".extracted")
    if os.path.exists(stamp) and open(stamp).read().strip() == digest:
        return
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", deb, dest], check=True)
    with open(stamp, "w") as f:
        f.write(digest + "\n")


def extract(name, tarball, digest, src):
    dest = os.path.join(src, name)
    stamp = os.path.join(dest, ".extracted")
    wanted = MEMBERS[name]
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == digest and all(os.path.exists(os.path.join(dest, v)) for v in wanted.values()):
                return
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    with tarfile.open(tarball, "r:gz") as tar:
        found = set()
        for member in tar.getmembers():
            if member.name in wanted and member.isfile():
                data = tar.extractfile(member).read()
                with open(os.path.join(dest, wanted[member.name]), "wb") as out:
                    out.write(data)
                found.add(member.name)
        missing = sorted(set(wanted) - found)
        if missing:
            sys.exit(f"fetch.py: {os.path.basename(tarball)} lacks {missing}")
    with open(stamp, "w") as f:
        f.write(digest + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("packages", nargs="*", help="package names (default: all pinned)")
    args = ap.parse_args()
    pins = read_checksums()
    for name in args.packages or sorted(pins):
        if name not in pins:
            sys.exit(f"fetch.py: {name} is not pinned in checksums.txt")
        spec, digest, filename = pins[name]
        if spec.startswith("deb:"):
            extract_deb(name, fetch_deb(spec, digest, filename, args.cache), digest, args.src)
        else:
            extract(name, fetch_tarball(spec, digest, filename, args.cache), digest, args.src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
