#!/usr/bin/env python3
"""Runs liblmdb's programs as wasm under wasishim and checks the environments
they leave with Debian's mdb_stat and mdb_dump, the oracle.

Debian's tools here are its i386 build (--lmdb-utils DIR, fetched by
fetch.py): LMDB's file format follows the word size (page numbers and sizes
are size_t), wasm32 is ILP32 like i386, and Debian's amd64 tools reject a
wasm32 environment as MDB_INVALID (docs/programs.md).

  check_lmdb.py mtest --wasishim BIN --wasm-dir DIR --lmdb-utils DIR --workdir DIR
      liblmdb's own sample programs mtest, mtest2 ... mtest5, each on a fresh
      ./testdb (the sandbox is preopened as / and the shim's working directory
      is /). Each must exit 0, and afterwards mdb_stat must read the
      environment and count, for every database, as many entries as mdb_dump
      lists.

  check_lmdb.py workload --wasishim BIN --wasm WORKLOAD.wasm --lmdb-utils DIR
                --workdir DIR --n N [--native WORKLOAD] [--modes default,writemap]
      tests/programs/lmdb_workload.c in each mode. mdb_stat's page size, last
      transaction and entry counts, and the counts and FNV-1a hashes computed
      here from mdb_dump's records, must equal what the guest printed after
      reopening. The modes must print the same, and so must the native build
      (real mmap), but for the page size.

  check_lmdb.py crash ... --mode default|writemap --batches B --per-batch P --seeds 1,2,3
      The batch workload, killed by the host after a random number of WASI
      calls (`--kill-after-calls`), drawn between the call that creates
      data.mdb (found in a traced run) and the end of the run; a kill that
      leaves no environment fails. mdb_stat must still read the environment,
      every batch the guest reported committed must be whole in mdb_dump's
      records, no batch may be torn, and "last" must name the newest batch.
"""
import argparse
import errno
import os
import re
import shutil
import subprocess
import sys
import time

from crash_calls import KillCount, calls_in_a_whole_run, calls_until_created, kill_points

failures = []
GUEST_DIR = "/sb"


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def run(cmd, timeout, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def tool(args, name):
    return os.path.join(args.lmdb_utils, "usr", "bin", name)


_i386_runner = None


def i386_runner(args):
    """The command prefix that runs Debian's i386 tools: none where the kernel
    executes 32-bit x86 programs, else qemu-i386 (kernels built without IA32
    emulation, as some VMs are, answer ENOEXEC)."""
    global _i386_runner
    if _i386_runner is None:
        try:
            subprocess.run([tool(args, "mdb_stat"), "-V"], capture_output=True, timeout=60)
            _i386_runner = []
        except OSError as e:
            if e.errno != errno.ENOEXEC:
                raise
            qemu = shutil.which("qemu-i386")
            if not qemu:
                sys.exit("this kernel cannot run i386 programs and qemu-i386 is missing: "
                         "run toolchain/install-deps.sh (Debian's qemu-user)")
            _i386_runner = [qemu, "-L", "/"]
    return _i386_runner


def run_tool(args, name, *rest, timeout=300, **kw):
    return run([*i386_runner(args), tool(args, name), *rest], timeout, **kw)


def mdb_stat(args, env, *flags):
    r = run_tool(args, "mdb_stat", *flags, env, text=True)
    if r.returncode != 0:
        fail(f"mdb_stat {' '.join(flags)} {env}: exit {r.returncode}: {r.stdout.strip()} {r.stderr.strip()}")
    return r.stdout


def stat_entries(text):
    """{database name: entries} from `mdb_stat -a`; "Main DB" is the main one."""
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r"Status of (.*)$", line)
        if m:
            name = m.group(1)
        m = re.match(r"\s+Entries: (\d+)$", line)
        if m and name is not None:
            out[name] = int(m.group(1))
    return out


def dump_records(args, env, db=None):
    """The (key, value) byte pairs of one database, as mdb_dump lists them."""
    rest = (["-s", db] if db else []) + [env]
    r = run_tool(args, "mdb_dump", *rest)
    if r.returncode != 0:
        fail(f"mdb_dump {' '.join(rest)}: exit {r.returncode}: {r.stderr.decode(errors='replace').strip()}")
        return []
    lines = r.stdout.decode().splitlines()
    body = lines[lines.index("HEADER=END") + 1:lines.index("DATA=END")]
    items = [bytes.fromhex(line.strip()) for line in body]
    return list(zip(items[0::2], items[1::2]))


FNV_OFFSET, FNV_PRIME = 1469598103934665603, 1099511628211


def fnv(records):
    h = FNV_OFFSET
    for item in (x for pair in records for x in pair):
        for b in len(item).to_bytes(4, "little") + item:
            h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def amd64_control(env):
    """Shows, without failing, what Debian's amd64 mdb_stat makes of it."""
    if shutil.which("mdb_stat"):
        r = run(["mdb_stat", env], 60, text=True)
        print(f"  (amd64 mdb_stat: exit {r.returncode} {(r.stdout + r.stderr).strip()[:90]!r})", flush=True)


def check_env_consistent(args, env, label):
    stats = stat_entries(mdb_stat(args, env, "-a"))
    for name in stats:
        n = len(dump_records(args, env, None if name == "Main DB" else name))
        if stats[name] != n:
            fail(f"[{label}] mdb_stat says {stats[name]} entries in {name}, mdb_dump lists {n}")
    print(f"[{label}] mdb_stat and mdb_dump agree: {stats}", flush=True)
    return stats


def mtests(args):
    # Each on its own ./testdb: they open it with MDB_FIXEDMAP, and the map
    # address one program recorded is not free in another's linear memory
    # (docs/programs.md).
    for prog in ["mtest", "mtest2", "mtest3", "mtest4", "mtest5"]:
        sandbox = fresh(os.path.join(args.workdir, prog))
        env = os.path.join(sandbox, "testdb")
        os.makedirs(env)
        start = time.monotonic()
        r = run([args.wasishim, "run", "--dir", f"{sandbox}::/", *args.host_arg,
                 os.path.join(args.wasm_dir, prog + ".wasm")], args.timeout, text=True)
        print(f"[{prog}] exit {r.returncode}, {time.monotonic() - start:.1f} s, "
              f"{len(r.stdout.splitlines())} lines", flush=True)
        if r.returncode != 0:
            fail(f"[{prog}] exited {r.returncode}: {r.stderr.strip()[-400:]}")
            continue
        check_env_consistent(args, env, prog)
    print(mdb_stat(args, env, "-e").strip(), flush=True)
    amd64_control(env)


def workload(args):
    outputs = {}
    for mode in args.modes.split(","):
        sandbox = fresh(os.path.join(args.workdir, mode))
        env = os.path.join(sandbox, "env")
        os.makedirs(env)
        start = time.monotonic()
        r = run([args.wasishim, "run", "--dir", f"{sandbox}::{GUEST_DIR}", *args.host_arg, args.wasm,
                 "workload", f"{GUEST_DIR}/env", str(args.n), mode], args.timeout, text=True)
        print(f"[{mode}] guest: {time.monotonic() - start:.1f} s, exit {r.returncode}", flush=True)
        if r.returncode != 0:
            fail(f"[{mode}] guest exited {r.returncode}: {r.stderr.strip()[-400:]}")
            continue
        outputs[mode] = r.stdout
        before = len(failures)
        out = r.stdout.split("phase reopened\n", 1)
        if len(out) != 2 or r.stdout.split("phase first\n", 1)[1].split("phase reopened\n")[0] != \
                "".join(line + "\n" for line in out[1].splitlines() if not line.startswith("psize")):
            fail(f"[{mode}] the guest's scans differ before and after reopening")
        reopened = out[-1]
        m = re.search(r"^psize (\d+) last_txnid (\d+)$", reopened, re.M)
        info = mdb_stat(args, env, "-e")
        psize = re.search(r"Page size: (\d+)", info)
        txnid = re.search(r"Last transaction ID: (\d+)", info)
        if not (m and psize and txnid) or (m.group(1), m.group(2)) != (psize.group(1), txnid.group(1)):
            fail(f"[{mode}] page size / last transaction: guest {m and m.groups()}, mdb_stat "
                 f"{psize and psize.group(1)} / {txnid and txnid.group(1)}")
        stats = stat_entries(mdb_stat(args, env, "-a"))
        for name, count, h in re.findall(r"^db (\S+) entries (\d+) fnv ([0-9a-f]+)$", reopened, re.M):
            records = dump_records(args, env, name)
            if stats.get(name) != int(count):
                fail(f"[{mode}] {name}: guest counted {count}, mdb_stat says {stats.get(name)}")
            if len(records) != int(count) or fnv(records) != int(h, 16):
                fail(f"[{mode}] {name}: guest {count} entries fnv {h}; mdb_dump {len(records)} "
                     f"entries fnv {fnv(records):016x}")
            if name == "main":
                rm = re.search(r"^range (\S+)\.\.(\S+) entries (\d+) fnv ([0-9a-f]+)$", reopened, re.M)
                lo, hi = rm.group(1).encode(), rm.group(2).encode()
                sel = [kv for kv in records if lo <= kv[0] < hi]
                if len(sel) != int(rm.group(3)) or fnv(sel) != int(rm.group(4), 16):
                    fail(f"[{mode}] range scan: guest {rm.group(3)} / {rm.group(4)}, "
                         f"mdb_dump {len(sel)} / {fnv(sel):016x}")
        if len(failures) == before:
            print(f"[{mode}] mdb_stat -e: page size {psize.group(1)}, last txn {txnid.group(1)}; "
                  f"entries {stats}; mdb_dump counts and hashes equal the guest's", flush=True)
        amd64_control(env)
    if len(outputs) == 2:
        a, b = outputs.values()
        if a != b:
            fail("the two modes printed different results")
        else:
            print("default and writemap: identical output", flush=True)
    if args.native and outputs:
        ndir = fresh(os.path.join(args.workdir, "native"))
        r = run([args.native, "workload", ndir, str(args.n), "default"], args.timeout, text=True)
        strip = lambda s: "".join(l + "\n" for l in s.splitlines() if not l.startswith("psize"))
        guest = next(iter(outputs.values()))
        if r.returncode != 0 or strip(r.stdout) != strip(guest):
            fail(f"the native build (real mmap) printed something else (exit {r.returncode})")
        else:
            print("native build: identical output (but for the page size)", flush=True)


def calibrate(args, cmd_tail):
    def run_killed_after(k):
        sandbox = fresh(os.path.join(args.workdir, "calibrate"))
        os.makedirs(os.path.join(sandbox, "env"))
        return run([args.wasishim, "run", "--dir", f"{sandbox}::{GUEST_DIR}", "--kill-after-calls", str(k),
                    *args.host_arg, args.wasm] + cmd_tail, args.timeout, text=True)
    return calls_in_a_whole_run(run_killed_after, fail)



def created_at(args, cmd_tail):
    """Calls the guest makes until the environment's data file exists (a
    traced run)."""
    sandbox = fresh(os.path.join(args.workdir, "traced"))
    os.makedirs(os.path.join(sandbox, "env"))
    trace = os.path.join(args.workdir, "trace.txt")
    run([args.wasishim, "run", "--dir", f"{sandbox}::{GUEST_DIR}", f"--trace={trace}", *args.host_arg,
         args.wasm] + cmd_tail, args.timeout, text=True)
    return calls_until_created(trace, "data.mdb")


def crash(args):
    cmd_tail = ["batches", f"{GUEST_DIR}/env", str(args.batches), str(args.per_batch), args.mode]
    total = calibrate(args, cmd_tail)
    if total is None:
        return
    first = created_at(args, cmd_tail)
    if first is None or first >= total:
        fail(f"data.mdb is created after call {first}, a whole run makes {total}: nowhere to kill")
        return
    print(f"the environment exists from call {first} on", flush=True)
    seeds = [int(s) for s in args.seeds.split(",")]
    points = kill_points(seeds, first, total)
    count = KillCount(fail)
    for seed in seeds:
        kill_at = points[seed]
        label = f"{args.mode}, seed {seed}, killed after {kill_at} calls"
        sandbox = fresh(os.path.join(args.workdir, f"seed{seed}"))
        env = os.path.join(sandbox, "env")
        os.makedirs(env)
        r = run([args.wasishim, "run", "--dir", f"{sandbox}::{GUEST_DIR}", "--kill-after-calls", str(kill_at),
                 *args.host_arg, args.wasm] + cmd_tail, args.timeout, text=True)
        committed = [int(x) for x in re.findall(r"^committed (\d+)$", r.stdout, re.M)]
        if r.returncode == 0:
            fail(f"[{label}] the guest was not stopped")
            continue
        if not os.path.exists(os.path.join(env, "data.mdb")):
            count.nothing_to_check(label)
            continue
        count.checked()
        before = len(failures)
        mdb_stat(args, env, "-a")
        # Before the first commit the "main" database may not exist yet.
        has_main = run_tool(args, "mdb_dump", "-s", "main", env, timeout=60).returncode == 0
        records = dict(dump_records(args, env, "main")) if committed or has_main else {}
        batches = {}
        for key in records:
            m = re.match(rb"b(\d+)-(\d+)$", key)
            if m:
                batches.setdefault(int(m.group(1)), set()).add(int(m.group(2)))
        last_committed = max(committed, default=-1)
        for b in committed:
            if len(batches.get(b, ())) != args.per_batch:
                fail(f"[{label}] batch {b} was reported committed but has {len(batches.get(b, ()))} "
                     f"of {args.per_batch} keys")
        for b, keys in batches.items():
            if len(keys) != args.per_batch:
                fail(f"[{label}] batch {b} is torn: {len(keys)} of {args.per_batch} keys")
            if b > last_committed + 1:
                fail(f"[{label}] batch {b} is present though only up to {last_committed} had committed")
        if batches and records.get(b"last") != str(max(batches)).encode():
            fail(f"[{label}] 'last' is {records.get(b'last')}, newest batch {max(batches)}")
        if len(failures) == before:
            print(f"[{label}] reported committed {len(committed)}, mdb_dump shows {len(batches)} whole "
                  f"batches, last={records.get(b'last')}", flush=True)
    count.report(len(seeds))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["mtest", "workload", "crash"])
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--wasm")
    ap.add_argument("--wasm-dir")
    ap.add_argument("--lmdb-utils", required=True, help="root of the extracted i386 lmdb-utils package")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--native")
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--modes", default="default,writemap")
    ap.add_argument("--mode", default="default")
    ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--per-batch", type=int, default=100)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--host-arg", action="append", default=[])
    ap.add_argument("--timeout", type=int, default=3000)
    args = ap.parse_args()
    if not os.access(tool(args, "mdb_stat"), os.X_OK):
        print(f"no mdb_stat under {args.lmdb_utils}: run tests/programs/fetch.py", file=sys.stderr)
        return 1
    if not os.path.exists("/lib/ld-linux.so.2"):
        print("Debian's i386 lmdb-utils need the i386 C runtime: apt-get install libc6-i386", file=sys.stderr)
        return 1
    os.makedirs(args.workdir, exist_ok=True)
    start = time.monotonic()
    {"mtest": mtests, "workload": workload, "crash": crash}[args.what](args)
    print(f"total {time.monotonic() - start:.1f} s", flush=True)
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
