#!/usr/bin/env python3
"""Fetch a pinned Debian bookworm source package and unpack it.

    fetch_source.py --cache DIR --dest DIR PACKAGE

The source package's name and version and the sha256 of its .dsc come
from sources.txt
(beside this script). apt-get runs under a private configuration kept in
--cache: one deb-src entry for bookworm main with the URI and keyring of the
system's own Debian source list, and private package lists, so the system's
apt state is never read or written:

    apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=DIR
            -o Dir::State::Lists=DIR/lists update
    apt-get (same options) source --download-only PKG=VERSION

The .dsc is checked against the pinned sha256; dpkg-source then checks every
file the .dsc lists against the checksums in it and unpacks the tree (with
Debian's patches) into --dest/PACKAGE-VERSION. Nothing fetched is committed:
the cache and the trees live in the build directory. A stamp records the .dsc
digest, so a second run touches neither the network nor the tree.
"""
import argparse
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_URI = "http://deb.debian.org/debian"
DEFAULT_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


def read_pins():
    pins = {}
    with open(os.path.join(HERE, "sources.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, source, version, digest = line.split()
                pins[name] = (source, version, digest)
    return pins


def system_debian_source():
    """URI and keyring of the system's bookworm main entry (deb822 or one-line)."""
    uri, keyring = DEFAULT_URI, DEFAULT_KEYRING
    path = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(path):
        for stanza in open(path).read().split("\n\n"):
            fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.M))
            if "bookworm" in fields.get("Suites", "").split() and "main" in fields.get("Components", ""):
                uri = fields.get("URIs", uri).split()[0]
                keyring = fields.get("Signed-By", keyring).strip()
                break
    return uri, keyring


def apt_options(aptdir):
    # As root, apt would hand downloads to its _apt user, who cannot write
    # into a build tree; the download then happens as root anyway, with a
    # warning. Say so up front.
    sandbox = ["-o", "APT::Sandbox::User=root"] if os.geteuid() == 0 else []
    return sandbox + ["-o", "Dir::Etc::SourceList=/dev/null", "-o", f"Dir::Etc::SourceParts={aptdir}",
            "-o", f"Dir::State::Lists={aptdir}/lists", "-o", "Dir::Cache=" + os.path.join(aptdir, "cache")]


def setup_apt(cache):
    aptdir = os.path.join(cache, "apt")
    os.makedirs(os.path.join(aptdir, "lists", "partial"), exist_ok=True)
    os.makedirs(os.path.join(aptdir, "cache", "archives", "partial"), exist_ok=True)
    uri, keyring = system_debian_source()
    entry = (f"Types: deb-src\nURIs: {uri}\nSuites: bookworm\nComponents: main\n"
             f"Signed-By: {keyring}\n")
    path = os.path.join(aptdir, "bookworm-src.sources")
    if not os.path.exists(path) or open(path).read() != entry:
        with open(path, "w") as f:
            f.write(entry)
    return aptdir


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def dsc_name(name, version):
    return f"{name}_{version.split(':', 1)[-1]}.dsc"


def download(name, version, digest, cache):
    dl = os.path.join(cache, "downloads")
    os.makedirs(dl, exist_ok=True)
    dsc = os.path.join(dl, dsc_name(name, version))
    if os.path.exists(dsc) and sha256(dsc) == digest:
        return dsc
    # Tests run in parallel share the private apt state: one apt-get at a time.
    lock = open(os.path.join(cache, "apt.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    if os.path.exists(dsc) and sha256(dsc) == digest:
        return dsc
    aptdir = setup_apt(cache)
    opts = apt_options(aptdir)
    cmd = ["apt-get", *opts, "source", "--download-only", "-qq", f"{name}={version}"]
    print(f"fetch_source: apt-get source --download-only {name}={version}", file=sys.stderr)
    if subprocess.run(cmd, cwd=dl, stdout=subprocess.DEVNULL).returncode != 0:
        print("fetch_source: updating the private source list", file=sys.stderr)
        subprocess.run(["apt-get", *opts, "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
        if subprocess.run(cmd, cwd=dl, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"fetch_source: apt-get source {name}={version} failed: is that version still "
                     "in bookworm? (point releases replace versions; update sources.txt)")
    actual = sha256(dsc)
    if actual != digest:
        sys.exit(f"fetch_source: {os.path.basename(dsc)}: checksum mismatch\n"
                 f"  expected {digest}\n  got      {actual}")
    return dsc


def unpack(name, version, dsc, digest, dest):
    tree = os.path.join(dest, f"{name}-{version.split(':', 1)[-1]}")
    stamp = os.path.join(tree, ".wasishim-unpacked")
    if os.path.exists(stamp) and open(stamp).read().strip() == digest:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(dest, exist_ok=True)
    # dpkg-source verifies each listed file's size and checksums against the .dsc.
    r = subprocess.run(["dpkg-source", "--no-copy", "-x", dsc, tree],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit(f"fetch_source: dpkg-source -x {os.path.basename(dsc)} failed:\n{r.stdout}")
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return tree


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--dest", required=True)
    ap.add_argument("package")
    args = ap.parse_args()
    pins = read_pins()
    if args.package not in pins:
        sys.exit(f"fetch_source: {args.package} is not pinned in sources.txt")
    source, version, digest = pins[args.package]
    dsc = download(source, version, digest, os.path.abspath(args.cache))
    print(unpack(source, version, dsc, digest, os.path.abspath(args.dest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
