#!/usr/bin/env python3
"""Runs tests/programs/sqlite_driver.c as wasm under wasishim and checks the
database it leaves with Debian's native sqlite3, the oracle.

  check_sqlite.py workload --wasishim BIN --wasm DRIVER.wasm --sqlite3 CLI
                  --rows N --workdir DIR [--native DRIVER] [--vfs NAME]
                  [--mmap-bytes B] [--host-arg OPT]...

    Runs the workload twice, with PRAGMA mmap_size=B and with 0. For each run:
      * the guest exits 0 and its own PRAGMA integrity_check printed ok;
      * native `sqlite3 DB 'PRAGMA integrity_check'` prints ok;
      * every query the guest printed after reopening, run by native sqlite3
        on the guest's file, gives exactly the rows the guest printed;
      * the guest's answers before and after reopening agree;
      * with mmap on, SQLite really called mmap (the driver counts the calls);
        with mmap off, it never did.
    Then the two runs' outputs must be identical, and with --native the
    driver built for Linux (real mmap) must print the same and leave a
    byte-identical database.

  check_sqlite.py crash --wasishim BIN --wasm DRIVER.wasm --sqlite3 CLI
                  --workdir DIR --batches N --per-batch M --seeds 1,2,3 ...

    Runs the batch workload (one committed transaction per batch, each
    reported as "committed B" once COMMIT returned), stopped by the host after
    a random number of WASI calls (`wasishim run --kill-after-calls K`, K drawn
    from each seed between the call that creates the database, found in a
    traced run, and the end of the run; a kill that leaves no database
    fails). Then native sqlite3 must find the database consistent
    (integrity_check ok, after rolling back any hot journal, as any later
    opener would) and every reported batch present and whole, and no batch
    torn.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

from crash_calls import KillCount, calls_in_a_whole_run, calls_until_created, kill_points

GUEST_DIR = "/sb"
DB_NAME = "test.db"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def guest_cmd(args, sandbox, extra_host_args=()):
    return ([args.wasishim, "run", "--env", "TMPDIR=" + GUEST_DIR, "--dir", f"{sandbox}::{GUEST_DIR}",
             *args.host_arg, *extra_host_args, args.wasm])


def db_uri(path, vfs):
    return f"file:{path}?vfs={vfs}" if vfs else path


def native_sqlite(args, db, sql):
    r = subprocess.run([args.sqlite3, "-batch", "-noheader", "-list", "-separator", "|", "-nullvalue", "",
                        db, sql], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        fail(f"native sqlite3 failed on {sql!r}: {r.stderr.strip()}")
    return r.stdout.splitlines()


def parse_output(text):
    """{phase: [(sql, [rows])]} from the driver's stdout."""
    phases, phase, lines = {}, None, text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("phase "):
            phase = line.split(" ", 1)[1]
            phases[phase] = []
        elif line.startswith("Q "):
            sql, rows = line[2:], []
            i += 1
            while i < len(lines) and lines[i] != ".":
                rows.append(lines[i])
                i += 1
            phases.setdefault(phase, []).append((sql, rows))
        i += 1
    return phases


def run_workload_once(args, label, mmap_bytes):
    sandbox = os.path.join(args.workdir, label)
    shutil.rmtree(sandbox, ignore_errors=True)
    os.makedirs(sandbox)
    cmd = guest_cmd(args, sandbox) + ["workload", db_uri(f"{GUEST_DIR}/{DB_NAME}", args.vfs), str(args.rows),
                                      str(mmap_bytes)]
    start = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    elapsed = time.monotonic() - start
    print(f"[{label}] guest: {elapsed:.1f} s, exit {r.returncode}; stderr: {r.stderr.strip()!r}", flush=True)
    if r.returncode != 0:
        fail(f"[{label}] guest exited {r.returncode}: {r.stderr.strip()}")
        return None, sandbox
    m = re.search(r"mmap calls: (\d+)", r.stderr)
    calls = int(m.group(1)) if m else None
    if mmap_bytes and args.expect_mmap and not calls:
        fail(f"[{label}] PRAGMA mmap_size={mmap_bytes} but SQLite never called mmap (driver says {calls})")
    if not mmap_bytes and calls:
        fail(f"[{label}] mmap off, yet SQLite called mmap {calls} times")
    phases = parse_output(r.stdout)
    if f"inserted {args.rows}" not in r.stdout:
        fail(f"[{label}] the guest did not report inserting {args.rows} rows")
    first, reopened = phases.get("first", []), phases.get("reopened", [])
    if not first or not reopened:
        fail(f"[{label}] missing query output (phases: {list(phases)})")
        return r.stdout, sandbox
    guest_integrity = [rows for sql, rows in reopened if sql == "PRAGMA integrity_check"]
    if guest_integrity != [["ok"]]:
        fail(f"[{label}] the guest's own integrity_check said {guest_integrity}")
    if [q for q in reopened if q[0] != "PRAGMA integrity_check"] != first:
        fail(f"[{label}] the guest's answers changed across close and reopen")

    before = len(failures)
    db = os.path.join(sandbox, DB_NAME)
    integrity = native_sqlite(args, db, "PRAGMA integrity_check")
    print(f"[{label}] native integrity_check: {integrity}", flush=True)
    if integrity != ["ok"]:
        fail(f"[{label}] native integrity_check said {integrity}")
    compared = 0
    for sql, rows in reopened:
        native_rows = native_sqlite(args, db, sql)
        compared += 1
        if native_rows != rows:
            fail(f"[{label}] {sql}\n  guest:  {rows[:5]}\n  native: {native_rows[:5]}")
    if len(failures) == before:
        print(f"[{label}] {compared} queries: native sqlite3 agrees with the guest", flush=True)
    return r.stdout, sandbox


def workload(args):
    out_on, dir_on = run_workload_once(args, "mmap-on", args.mmap_bytes)
    out_off, dir_off = run_workload_once(args, "mmap-off", 0)
    if out_on is not None and out_off is not None:
        if out_on != out_off:
            fail("mmap on and mmap off printed different results")
        else:
            print("mmap on and off: identical output", flush=True)
    if args.native and out_on is not None:
        ndir = os.path.join(args.workdir, "native")
        shutil.rmtree(ndir, ignore_errors=True)
        os.makedirs(ndir)
        ndb = os.path.join(ndir, DB_NAME)
        start = time.monotonic()
        r = subprocess.run([args.native, "workload", db_uri(ndb, args.vfs), str(args.rows), str(args.mmap_bytes)],
                           capture_output=True, text=True, timeout=args.timeout)
        print(f"[native] {time.monotonic() - start:.1f} s, exit {r.returncode}", flush=True)
        if r.returncode != 0:
            fail(f"native driver exited {r.returncode}: {r.stderr.strip()}")
        elif r.stdout != out_on:
            fail("the native driver (real mmap) printed something else than the guest")
        else:
            print("native driver: identical output", flush=True)
        for label, d in (("mmap-on", dir_on), ("mmap-off", dir_off)):
            with open(os.path.join(d, DB_NAME), "rb") as a, open(ndb, "rb") as b:
                if a.read() != b.read():
                    fail(f"[{label}] the guest's database file differs from the native driver's")
                else:
                    print(f"[{label}] database file byte-identical to the native driver's", flush=True)


def calibrate(args, cmd_tail):
    def run_killed_after(k):
        sandbox = os.path.join(args.workdir, "calibrate")
        shutil.rmtree(sandbox, ignore_errors=True)
        os.makedirs(sandbox)
        return subprocess.run(guest_cmd(args, sandbox, ["--kill-after-calls", str(k)]) + cmd_tail,
                              capture_output=True, text=True, timeout=args.timeout)
    return calls_in_a_whole_run(run_killed_after, fail)



def created_at(args, cmd_tail):
    """Calls the guest makes until the database file exists (a traced run)."""
    sandbox = os.path.join(args.workdir, "traced")
    shutil.rmtree(sandbox, ignore_errors=True)
    os.makedirs(sandbox)
    trace = os.path.join(args.workdir, "trace.txt")
    subprocess.run(guest_cmd(args, sandbox, [f"--trace={trace}"]) + cmd_tail, capture_output=True, text=True,
                   timeout=args.timeout)
    return calls_until_created(trace, DB_NAME)


def crash(args):
    rng_seeds = [int(s) for s in args.seeds.split(",")]
    cmd_tail = ["batches", db_uri(f"{GUEST_DIR}/{DB_NAME}", args.vfs), str(args.batches), str(args.per_batch),
                str(args.mmap_bytes)]
    total = calibrate(args, cmd_tail)
    if total is None:
        return
    first = created_at(args, cmd_tail)
    if first is None or first >= total:
        fail(f"the database is created after call {first}, a whole run makes {total}: nowhere to kill")
        return
    print(f"the database exists from call {first} on", flush=True)
    points = kill_points(rng_seeds, first, total)
    count = KillCount(fail)
    for seed in rng_seeds:
        kill_at = points[seed]
        label = f"seed {seed}, killed after {kill_at} calls"
        sandbox = os.path.join(args.workdir, f"seed{seed}")
        shutil.rmtree(sandbox, ignore_errors=True)
        os.makedirs(sandbox)
        r = subprocess.run(guest_cmd(args, sandbox, ["--kill-after-calls", str(kill_at)]) + cmd_tail,
                           capture_output=True, text=True, timeout=args.timeout)
        committed = [int(x) for x in re.findall(r"^committed (\d+)$", r.stdout, re.M)]
        if r.returncode == 0:
            fail(f"[{label}] the guest was not stopped")
            continue
        db = os.path.join(sandbox, DB_NAME)
        if not os.path.exists(db):
            count.nothing_to_check(label)
            continue
        count.checked()
        files = sorted(os.listdir(sandbox))
        integrity = native_sqlite(args, db, "PRAGMA integrity_check")
        rows = native_sqlite(args, db, "SELECT batch, count(*), min(bumps), max(bumps) FROM t GROUP BY batch")
        present = {}
        for row in rows:
            b, n, lo, hi = map(int, row.split("|"))
            present[b] = (n, lo, hi)
        print(f"[{label}] files {files}; reported committed {len(committed)} batches; "
              f"native sees {len(present)}; integrity {integrity}", flush=True)
        if integrity != ["ok"]:
            fail(f"[{label}] native integrity_check said {integrity}")
        for b in committed:
            if b not in present:
                fail(f"[{label}] batch {b} was reported committed but is missing")
        last = max(committed, default=-1)
        for b, (n, lo, hi) in present.items():
            if b > last + 1:
                fail(f"[{label}] batch {b} is present though only up to {last} had committed")
            if n != args.per_batch:
                fail(f"[{label}] batch {b} is torn: {n} of {args.per_batch} rows")
            want = 1 if (b + 1) in present else 0
            if (lo, hi) != (want, want):
                fail(f"[{label}] batch {b} has bumps {lo}..{hi}, expected {want}: a commit was torn")
    count.report(len(rng_seeds))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["workload", "crash"])
    ap.add_argument("--wasishim", required=True)
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--native")
    ap.add_argument("--vfs", default="", help="VFS name given in the database URI (default: SQLite's default)")
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--mmap-bytes", type=int, default=256 << 20)
    ap.add_argument("--no-expect-mmap", dest="expect_mmap", action="store_false",
                    help="the wasm driver was built without mmap-emu: do not require mmap calls")
    ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--per-batch", type=int, default=200)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--host-arg", action="append", default=[])
    ap.add_argument("--timeout", type=int, default=1800)
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    if shutil.which(args.sqlite3) is None:
        print(f"native sqlite3 not found ({args.sqlite3}): run toolchain/install-deps.sh", file=sys.stderr)
        return 1
    start = time.monotonic()
    workload(args) if args.mode == "workload" else crash(args)
    print(f"total {time.monotonic() - start:.1f} s", flush=True)
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
