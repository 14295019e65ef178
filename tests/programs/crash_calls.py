"""What the crash tests of check_sqlite.py and check_lmdb.py share: finding
how many WASI calls a whole guest run makes, and how many it makes before
the file under test exists, so that every kill point is drawn from where a
kill can leave something to check."""
import random


def calls_in_a_whole_run(run_killed_after, fail):
    """A lower bound on the WASI calls a whole run makes: the largest K for
    which `--kill-after-calls K` still stops the guest, found by doubling.

    `run_killed_after(k)` runs the guest in a fresh sandbox with
    `--kill-after-calls k` and returns its CompletedProcess (text mode).
    Returns None, after reporting through `fail`, when the run cannot be
    calibrated."""
    k, killed_at = 64, 0
    while True:
        r = run_killed_after(k)
        if r.returncode == 0 and "done" in r.stdout:
            print(f"a whole run makes between {killed_at} and {k} WASI calls", flush=True)
            if not killed_at:
                fail("a whole run makes fewer than 64 WASI calls: too short to kill at random")
            return killed_at or None
        if "--kill-after-calls" not in r.stderr:
            fail(f"calibration run with --kill-after-calls {k} failed (exit {r.returncode}): {r.stderr.strip()}")
            return None
        killed_at = k
        k *= 2


def calls_until_created(trace_path, name):
    """From a `wasishim run --trace=FILE` log: how many WASI calls the guest
    made up to and including the first successful path_open that creates
    `name` (O_CREAT). None if it never does."""
    calls = 0
    with open(trace_path, errors="replace") as f:
        for line in f:
            if not line.startswith("[wasi] "):
                continue
            calls += 1
            if not line.startswith("[wasi] path_open(") or ('%s"' % name) not in line:
                continue
            oflags = line.split("oflags=", 1)[1].split(",", 1)[0]
            if int(oflags, 16) & 1 and "= success" in line:
                return calls
    return None


def kill_points(seeds, first, total):
    """One kill point per seed, drawn from [first, total): after the file
    under test exists and before the run would end."""
    return {seed: random.Random(seed).randrange(first, total) for seed in seeds}


class KillCount:
    """Counts the runs whose kill left something to check. A kill point
    before the file existed would pass without testing anything; kill
    points are drawn after its creation, so every run must count."""

    def __init__(self, fail):
        self.fail = fail
        self.real = 0
        self.empty = 0

    def nothing_to_check(self, label):
        self.empty += 1
        self.fail(f"[{label}] stopped before the file under test existed: no crash point was tested")

    def checked(self):
        self.real += 1

    def report(self, wanted):
        print(f"{self.real} of {wanted} kill points left a file to check; {self.empty} did not", flush=True)
        if self.real < wanted:
            self.fail(f"only {self.real} of {wanted} kill points tested a crash")
