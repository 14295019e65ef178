#!/usr/bin/env python3
"""Build one package of the ports corpus for wasm32-wasi and natively, run its
own test suite under each host, and record the outcome.

    run_port.py --prefix PREFIX --work DIR --results DIR [--hosts interp,node] PACKAGE

PREFIX is wasishim's staging prefix (build/default/prefix). The package is
fetched by fetch_source.py (pinned, checksummed) into DIR/cache and DIR/src,
built natively in DIR/PACKAGE/native and for wasm in DIR/PACKAGE/wasm with the
commands of recipes.py, and each host's test run happens in its own copy of
the built tree. Hosts: `interp` (`wasishim run`'s default engine), `node`
(Node's WASI), and always `native` (the oracle).

Writes DIR_RESULTS/PACKAGE.json (gen_ports_md.py makes docs/ports.md of
them) and prints progress as it goes. Exit status 0 when the wasm build
succeeded and, under every host asked for, every test that passes natively
passes too, except those known_failures.txt lists for that host.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fetch_source  # noqa: E402
import recipes  # noqa: E402

T0 = time.monotonic()


def say(pkg, msg):
    print(f"[{time.monotonic() - T0:6.1f}s] {pkg}: {msg}", flush=True)


def known_failures():
    """known_failures.txt: PACKAGE HOST TEST  -- reason"""
    known = {}
    path = os.path.join(HERE, "known_failures.txt")
    if os.path.exists(path):
        for line in open(path):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            body, _, reason = line.partition("--")
            pkg, host, test = body.split()
            known.setdefault((pkg, host), {})[test] = reason.strip()
    return known


def sh(cmd, cwd, env, log, timeout):
    """Runs cmd, its output streamed into the log (tail -f it to follow a
    long run) and returned."""
    with open(log, "a") as f:
        f.write(f"$ {cmd}\n")
        f.flush()
        start = f.tell()
        # A session of its own, so a timeout ends the whole test run (make,
        # the test scripts, the hosts), not just the shell.
        p = subprocess.Popen(["sh", "-c", cmd], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            status = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            f.write(f"\n(timed out after {timeout} s)\n")
            status = 124
        f.flush()
    with open(log, errors="replace") as f:
        f.seek(start)
        out = f.read()
    with open(log, "a") as f:
        f.write(f"(exit status {status})\n")
    return status, out


def flavour_env(flavour, prefix, deps_prefix=None):
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    env.pop("MFLAGS", None)
    for v in ("CC", "CXX", "CFLAGS", "CPPFLAGS", "LDFLAGS", "AR", "RANLIB", "CONFIG_SITE"):
        env.pop(v, None)
    env["LC_ALL"] = "C"
    if flavour == "wasm":
        env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + env["PATH"]
        # The default engine without its background compiles, as CI's test
        # presets run it: a test suite runs most of its programs once, and a
        # background `cc -O2` of each would only compete with the next test.
        env.setdefault("WASISHIM_AOT_BACKGROUND", "0")
        if deps_prefix:
            # Where the package's dependencies were installed for wasm: found
            # as a porter points any build at libraries outside the system's
            # paths (Autoconf reads CPPFLAGS and LDFLAGS from the environment).
            env["CPPFLAGS"] = f"-I{deps_prefix}/include"
            env["LDFLAGS"] = f"-L{deps_prefix}/lib"
    return env


def substitutions(flavour, prefix, jobs):
    bin_ = os.path.join(prefix, "bin")
    if flavour == "wasm":
        tools = {}
        with open(os.path.join(bin_, "wasishim-configure")) as f:
            for line in f:
                for v in ("AR", "RANLIB"):
                    if line.startswith(f"export {v}='"):
                        tools[v] = line.split("'")[1]
        return {"configure": os.path.join(bin_, "wasishim-configure"),
                "cmake": os.path.join(bin_, "wasishim-configure") + " cmake",
                "check": os.path.join(bin_, "wasishim-check"),
                "cc": os.path.join(bin_, "wasishim-cc"), "cxx": os.path.join(bin_, "wasishim-c++"),
                "ar": tools["AR"], "ranlib": tools["RANLIB"],
                "jobs": jobs, "multiarch": "wasm32-wasi"}
    return {"configure": "", "cmake": "cmake", "check": "", "cc": "cc", "cxx": "c++", "ar": "ar", "ranlib": "ranlib",
            "jobs": jobs, "multiarch": "$(dpkg-architecture -qDEB_HOST_MULTIARCH)"}


def build(pkg, recipe, flavour, src, work, prefix, jobs, log, deps_prefix=None, tree_name=None, steps=None):
    tree = os.path.join(work, tree_name or flavour)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(src, tree, symlinks=True)
    env = flavour_env(flavour, prefix, deps_prefix)
    subs = substitutions(flavour, prefix, jobs)
    subs["deps_prefix"] = deps_prefix or ""
    t = time.monotonic()
    for step in steps if steps is not None else recipe["build"]:
        cmd = step.format(**subs)
        say(pkg, f"{flavour}: {cmd}")
        status, out = sh(cmd, tree, env, log, timeout=3600)
        if status != 0:
            tail = "\n".join(out.splitlines()[-25:])
            say(pkg, f"{flavour} build FAILED (status {status}):\n{tail}")
            return None, time.monotonic() - t
    return tree, time.monotonic() - t


def build_dependencies(pkg, recipe, work_root, work, prefix, jobs, log):
    """Builds the packages of recipe["deps"] for wasm with their own recipes
    and installs them (their "install" step) into one prefix, which the
    package's wasm build then finds; returns it, or None without deps.
    The native build uses the system's development packages, as Debian's
    Build-Depends do."""
    deps = recipe.get("deps", [])
    if not deps:
        return None
    deps_prefix = os.path.join(work, "deps-wasm")
    shutil.rmtree(deps_prefix, ignore_errors=True)
    os.makedirs(deps_prefix)
    for dep in deps:
        dep_recipe = recipes.PACKAGES[dep]
        source, version, digest = fetch_source.read_pins()[dep]
        dsc = fetch_source.download(source, version, digest, os.path.join(work_root, "cache"))
        src = fetch_source.unpack(source, version, dsc, digest, os.path.join(work_root, "src"))
        say(pkg, f"dependency {dep} {version} for wasm")
        tree, _ = build(pkg, dep_recipe, "wasm", src, work, prefix, jobs, log, tree_name=f"dep-{dep}",
                        steps=dep_recipe["build"] + [dep_recipe["install"]], deps_prefix=deps_prefix)
        if tree is None:
            return False
    return deps_prefix


def run_tests(pkg, recipe, flavour, host, tree, work, prefix, jobs, log, timeout, deps_prefix=None):
    copy = os.path.join(work, f"check-{host}")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(tree, copy, symlinks=True)
    env = flavour_env(flavour, prefix, deps_prefix if flavour == "wasm" else None)
    if host == "node":
        env["WASISHIM_EXEC_HOST"] = "node"
    cmd = recipe["check"].format(**substitutions(flavour, prefix, jobs))
    say(pkg, f"{host}: {cmd}")
    t = time.monotonic()
    status, out = sh(cmd, copy, env, log, timeout)
    seconds = time.monotonic() - t
    passed, total, failed = recipe["count"](out, status)
    shown = " ".join(failed[:12]) + (f" and {len(failed) - 12} more" if len(failed) > 12 else "")
    say(pkg, f"{host}: {passed}/{total} passed in {seconds:.0f} s" + (f"; failed: {shown}" if failed else ""))
    return {"passed": passed, "total": total, "failed": failed, "seconds": round(seconds, 1), "status": status}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--hosts", default="interp")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds for one host's test run")
    ap.add_argument("package")
    args = ap.parse_args()
    pkg = args.package
    recipe = recipes.PACKAGES[pkg]
    work_root = os.path.abspath(args.work)
    prefix = os.path.abspath(args.prefix)
    work = os.path.join(work_root, pkg)
    os.makedirs(work, exist_ok=True)
    os.makedirs(args.results, exist_ok=True)
    log = os.path.join(work, "log.txt")
    open(log, "w").close()
    say(pkg, f"log: {log}")

    source, version, digest = fetch_source.read_pins()[pkg]
    dsc = fetch_source.download(source, version, digest, os.path.join(work_root, "cache"))
    src = fetch_source.unpack(source, version, dsc, digest, os.path.join(work_root, "src"))
    result = {"package": pkg, "version": version, "tests": recipe["tests"], "hosts": {},
              "aot_background": flavour_env("wasm", prefix)["WASISHIM_AOT_BACKGROUND"]}

    native_tree, native_s = build(pkg, recipe, "native", src, work, prefix, args.jobs, log)
    t = time.monotonic()
    deps_prefix = build_dependencies(pkg, recipe, work_root, work, prefix, args.jobs, log)
    if deps_prefix is False:
        wasm_tree, wasm_s = None, time.monotonic() - t
    else:
        wasm_tree, wasm_s = build(pkg, recipe, "wasm", src, work, prefix, args.jobs, log, deps_prefix)
        wasm_s += time.monotonic() - t
    result["build"] = {"native": native_tree is not None, "wasm": wasm_tree is not None,
                       "wasm_seconds": round(wasm_s, 1)}
    ok = wasm_tree is not None
    if recipe["check"] is None:
        say(pkg, "no test suite run (recipes.py says why)")
    else:
        native = None
        if native_tree:
            native = run_tests(pkg, recipe, "native", "native", native_tree, work, prefix, args.jobs, log,
                               args.timeout)
            result["hosts"]["native"] = native
        known = known_failures()
        for host in [h for h in args.hosts.split(",") if h]:
            if not wasm_tree:
                result["hosts"][host] = {"passed": 0, "total": 0, "failed": ["(not built)"], "seconds": 0}
                continue
            r = run_tests(pkg, recipe, "wasm", host, wasm_tree, work, prefix, args.jobs, log, args.timeout,
                          deps_prefix)
            expected = known.get((pkg, host), {})
            native_failed = set(native["failed"]) if native else set()
            unexpected = [t for t in r["failed"] if t not in expected and t not in native_failed]
            r["known"] = {t: expected[t] for t in r["failed"] if t in expected}
            if unexpected or r["total"] == 0 or (native and r["total"] < native["total"]):
                ok = False
                say(pkg, f"{host}: FAILED beyond the known failures: "
                         f"{' '.join(unexpected[:12]) or '(totals)'}{' …' if len(unexpected) > 12 else ''}")
            result["hosts"][host] = r
    result["ok"] = ok
    with open(os.path.join(args.results, f"{pkg}.json"), "w") as f:
        json.dump(result, f, indent=1)
    say(pkg, "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
