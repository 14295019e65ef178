"""What the crash tests of check_sqlite.py and check_lmdb.py share: finding
how many WASI calls a whole guest run makes, so a kill point can be drawn
from inside the run."""


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
