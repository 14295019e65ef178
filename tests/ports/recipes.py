"""How each package of the ports corpus is built and tested: with its own
build system and its own test suite, the same commands for the wasm build
(through wasishim's build glue) and for the native one (the oracle).

Command templates, run by /bin/sh in a copy of the package's source tree:
  {configure}  `wasishim-configure` for wasm (CC, AR, --host, config.sub,
               config.site; docs/porting.md), nothing for native
  {cmake}      `wasishim-configure cmake` for wasm (the toolchain file, whose
               emulator makes ctest run the modules), `cmake` for native
  {check}      `wasishim-check` for wasm (wasm modules run under
               wasishim-exec, on the host chosen by WASISHIM_EXEC_HOST),
               nothing for native
  {cc} {ar} {ranlib}  the compiler and archiver of the build
  {jobs}       parallel make jobs
  {multiarch}  Debian's multiarch name of the host: wasm32-wasi, or the
               build machine's
  {deps_prefix}  where a dependency is installed (its "install" step)

"deps" names packages of the corpus a package's wasm build needs (Debian's
Build-Depends that wasm32-wasi has no package of): run_port.py builds each
with its own recipe and its "install" step into one prefix, and the
package's wasm build and tests get CPPFLAGS=-I<prefix>/include and
LDFLAGS=-L<prefix>/lib, as a porter points a build at libraries outside the
system's paths. The native build uses the system's development packages.

Nothing here edits a package's sources, adds a header or defines a macro
for it: what a package lacks is a gap in wasishim, listed in `blocked`.
Options given to a package's own configure script are its documented
options, as Debian's own build gives them; a source package that ships no
generated configure script is bootstrapped with `autoreconf -fi`, as
Debian's dh_autoreconf does.

`count(output, status)` turns the test run's output into (passed, total,
names of failed tests).

BLOCKERS is the running list of what stops each package, as last seen in its
log; docs/ports.md shows it beside the package's figures.
"""
import re


def automake(output, status):
    """The automake parallel test harness: its summary block(s)."""
    passed = total = 0
    seen = False
    for m in re.finditer(r"^# TOTAL: (\d+)\n# PASS:  ?(\d+)\n# SKIP:  ?(\d+)\n# XFAIL: (\d+)", output, re.M):
        seen = True
        total += int(m.group(1)) - int(m.group(3))
        passed += int(m.group(2)) + int(m.group(4))
    failed = re.findall(r"^(?:FAIL|ERROR|XPASS): (\S+)", output, re.M)
    if not seen:
        return 0, 0, ["(no automake summary: the test run did not complete)"]
    return passed, total, failed


def ctest(output, status):
    m = re.search(r"(\d+)% tests passed, (\d+) tests failed out of (\d+)", output)
    if not m:
        return 0, 0, ["(no ctest summary)"]
    total = int(m.group(3))
    failed = re.findall(r"^\s*\d+ - (\S+) \(", output.split("The following tests FAILED:")[-1], re.M) \
        if "The following tests FAILED:" in output else []
    return total - int(m.group(2)), total, failed


def autotest(output, status):
    """GNU Autotest (gdbm's testsuite)."""
    m = re.search(r"^(\d+) tests? (?:were successful|behaved as expected)", output, re.M)
    skipped = re.search(r"^(\d+) tests? (?:were )?skipped", output, re.M)
    skip = int(skipped.group(1)) if skipped else 0
    if m:
        n = int(m.group(1))
        return n, n, []
    m = re.search(r"^ERROR: (\d+) tests? (?:were run,|was run,)\s*\n?(\d+) failed", output, re.M)
    if m:
        total = int(m.group(1))
        failed_n = int(m.group(2))
        names = re.findall(r"^\s*(\d+): .*FAILED", output, re.M)
        return total - failed_n, total, names or [f"{failed_n} failed"]
    m = re.search(r"^ERROR: All (\d+) tests were run,\s*\n?(\d+) failed", output, re.M)
    if m:
        return int(m.group(1)) - int(m.group(2)), int(m.group(1)), [m.group(2) + " failed"]
    return 0, 0, ["(no autotest summary)"]


def marker(ok_pattern, total=1, name="test"):
    """A suite that reports success as one line: all or nothing."""
    def count(output, status):
        if status == 0 and re.search(ok_pattern, output, re.M):
            return total, total, []
        return 0, total, [name]
    return count


def commands_ok(names):
    """A Makefile target that runs one command per check and stops at the
    first failure: passed = the checks before it."""
    def count(output, status):
        if status == 0:
            return len(names), len(names), []
        # make prints each command before running it; the last one printed failed.
        last = None
        for i, n in enumerate(names):
            if n in output:
                last = i
        done = last if last is not None else 0
        return done, len(names), [names[done]]
    return count


PACKAGES = {
    "zlib": {
        "build": ["{configure} ./configure --static", "make -j{jobs}"],
        "check": "{check} make test",
        "count": marker(r"\*\*\* zlib test OK \*\*\*", 1, "teststatic"),
        "install": "make install prefix={deps_prefix}",
        "tests": "make test (minigzip round trip and example)",
    },
    "bzip2": {
        # Its Makefile takes the tools as make variables.
        "build": ["make -j{jobs} CC={cc} AR={ar} RANLIB={ranlib} libbz2.a bzip2 bzip2recover"],
        "check": "{check} make CC={cc} AR={ar} RANLIB={ranlib} test",
        "count": commands_ok(["cmp sample1.bz2 sample1.rb2", "cmp sample2.bz2 sample2.rb2",
                              "cmp sample3.bz2 sample3.rb2", "cmp sample1.tst sample1.ref",
                              "cmp sample2.tst sample2.ref", "cmp sample3.tst sample3.ref"]),
        "tests": "make test (3 compressions and 3 decompressions compared with reference files)",
    },
    "xz-utils": {
        "build": ["{configure} ./configure --disable-shared --disable-nls", "make -j{jobs}"],
        "check": "{check} make check",
        "count": automake,
        "tests": "make check (liblzma unit tests and the xz CLI scripts)",
    },
    "expat": {
        # Debian builds expat with Autotools (its CMake build does not compile
        # with Debian's security patches: `#if XML_DTD == 1` on an empty macro).
        "build": ["cd expat && autoreconf -fi",
                  "cd expat && {configure} ./configure --disable-shared --without-docbook",
                  "make -C expat -j{jobs}"],
        "check": "{check} make -C expat check",
        "count": automake,
        "tests": "make check (runtests, runtestspp)",
    },
    "pcre2": {
        # --disable-pcre2grep-callout-fork is pcre2's documented switch for
        # "environments that do not support fork()" (configure.ac): a
        # preview1 instance cannot create processes (fork and exec fail with
        # ENOSYS, docs/porting.md), so pcre2grep's callouts run no program,
        # and RunGrepTest compares with its non-fork output (grepoutputCN).
        # Native is built the same way.
        "build": ["{configure} ./configure --disable-shared --disable-pcre2grep-callout-fork",
                  "make -j{jobs}"],
        "check": "{check} make check",
        "count": automake,
        "tests": "make check (RunTest, RunGrepTest, pcre2_jit_test)",
    },
    "gdbm": {
        "build": ["{configure} ./configure --disable-shared --disable-nls --without-readline",
                  "make -j{jobs}"],
        "check": "{check} make check",
        "count": autotest,
        "tests": "make check (its Autotest testsuite, gdbmtool included)",
    },
    "libyaml": {
        "build": ["autoreconf -fi", "{configure} ./configure --disable-shared", "make -j{jobs}"],
        "check": "{check} make check",
        "count": automake,
        "tests": "make check",
    },
    "zstd": {
        # HAVE_THREAD=0 is zstd's documented switch (programs/README.md) for
        # a system without threads: a preview1 instance has one, and
        # pthread_create fails (docs/porting.md). Native is built the same way.
        "build": ["make -j{jobs} -C lib CC={cc} AR={ar} HAVE_THREAD=0 libzstd.a",
                  "make -j{jobs} -C programs CC={cc} AR={ar} HAVE_THREAD=0 zstd"],
        # Its `make check`: playTests.sh without the large-data round trips
        # (tests/Makefile's `shortest`). The script stops at the first failure
        # (set -e); without the large-data tests it ends by printing the line
        # the count looks for, then exits 0.
        "check": "{check} make -C tests CC={cc} AR={ar} HAVE_THREAD=0 check",
        "count": marker(r"^Skipping large data tests$", 1, "playTests.sh"),
        "tests": "make -C tests check (playTests.sh)",
    },
    "jansson": {
        "build": ["{cmake} -S . -B build -G Ninja -DJANSSON_BUILD_DOCS=OFF",
                  "cmake --build build -j{jobs}"],
        # Its tests name programs by path, not by target, so ctest runs them
        # directly: under wasishim-check.
        "check": "{check} ctest --test-dir build -j{jobs}",
        "count": ctest,
        "tests": "ctest (api, encoding-flags, valid, invalid suites)",
    },
    "lzo2": {
        "build": ["{configure} ./configure --disable-shared", "make -j{jobs}"],
        # As debian/rules runs them (dh_auto_test -- check test): `check`
        # runs lzotest on COPYING; `test` runs lzotest with every available
        # method, util/check.sh (each of 30 methods over every file of the
        # tree), and the align, chksum, simple and minilzo test programs.
        "check": "{check} make check test",
        "count": commands_ok(["lzotest -mlzo -n2", "lzotest -mavail -n10", "util/check.sh",
                              "./tests/align", "./tests/chksum", "./examples/simple",
                              "./minilzo/testmini"]),
        "tests": "make check test (lzotest, util/check.sh over the tree, align, chksum, simple, testmini)",
    },
    "libsodium": {
        "build": ["autoreconf -fi", "{configure} ./configure --disable-shared", "make -j{jobs}"],
        # Configured for wasm32-wasi, its test harness runs each test under
        # the first WASI runtime it knows by name (test/default/
        # wasi-test-wrapper.sh: wasmtime, lucet, wasmer) and fails when there
        # is none. Emptying automake's LOG_COMPILER (a make variable the
        # user may set) runs each test program directly, as the native build
        # does, so wasishim-check's handler runs it. Nothing else changes.
        "check": "{check} make check LOG_COMPILER=",
        "count": automake,
        "tests": "make check (test/default)",
    },
    "sqlite3": {
        # The CLI and fuzzcheck, which runs the SQL of SQLite's own test
        # databases (test/fuzzdata*.db) and checks its invariants, and
        # sessionfuzz, which needs zlib (one of Debian's Build-Depends):
        # `make fuzztest`.
        "deps": ["zlib"],
        "build": ["{configure} ./configure --disable-shared --disable-tcl --disable-readline",
                  # SQLite 3.40's Makefile builds its parser generator, lemon,
                  # with the target's compiler and runs it during the build,
                  # so the build runs under wasishim-check too, as a Debian
                  # cross build runs under qemu's binfmt handler.
                  "{check} make -j{jobs} sqlite3 fuzzcheck sessionfuzz"],
        "check": "{check} make fuzztest",
        "count": marker(r"fuzzcheck.*: 0 errors out of", 1, "fuzztest"),
        "tests": "make fuzztest (fuzzcheck on SQLite's test databases)",
    },
    "lua5.4": {
        # Lua's own build system, its upstream Makefiles, at their `posix`
        # target: C, with errors thrown by _longjmp. Debian's build
        # (debian/rules) cannot be used: its 0001-build-system.patch rewrites
        # both Makefiles to compile every object as C and again as C++ (for
        # liblua5.4-c++), where Lua's errors are C++ exceptions, which
        # wasishim does not have (docs/porting.md). dpkg-source keeps the
        # Makefiles as Lua released them in .pc/ (quilt's record of each
        # patch); the first step puts those two back, un-applying Debian's
        # packaging patch. Debian's other patches (module paths, extern "C",
        # two CVE fixes) stay applied; the module-paths one makes luaconf.h
        # include a header debian/rules writes, which the second step writes
        # as debian/rules does. The native oracle is built the same way.
        "build": ["cp .pc/0001-build-system.patch/Makefile Makefile",
                  "printf '#ifndef _LUA_DEB_MULTIARCH_\\n#define _LUA_DEB_MULTIARCH_\\n"
                  "#define DEB_HOST_MULTIARCH \"%s\"\\n#endif\\n' {multiarch} > src/lua5.4-deb-multiarch.h",
                  "cp .pc/0001-build-system.patch/src/Makefile src/Makefile",
                  "make -j{jobs} posix CC='{cc} -std=gnu99' AR='{ar} rcu' RANLIB={ranlib}"],
        # Neither Lua's release nor Debian's source ships a test suite (no
        # debian/tests either); the Makefile's own test runs the interpreter.
        "check": "{check} make test",
        "count": marker(r"^Lua 5\.4\.\d+", 1, "lua -v"),
        "tests": "make test (`lua -v`: neither Lua's release nor Debian's source ships a test suite)",
    },
}


BLOCKERS = {
    "xz-utils": "all 18 pass under wasishim run, the xz CLI's tests included now that the shim has "
                "pipe() (its self-pipe, src/xz/file_io.c); under Node five of test_compress.sh's runs end "
                "with Node's own process killed by SIGSEGV while running the xz CLI (not yet explained: the "
                "same compressions run alone under Node succeed)",
    "gdbm": "every test that passes natively passes, test 28 (wordwrap, which needs `dup`) included; "
            "tests 24 and 25 (cloexec) fail natively too; one test fewer runs: 22 (setopt: mmap options) "
            "skips itself because configure's AC_FUNC_MMAP is a run test a cross build cannot run, so it "
            "answers no working mmap and gdbm is built without mmap (config.site could answer it once "
            "mmap-emu is checked against that test's MAP_PRIVATE|MAP_FIXED mapping)",
    "zstd": "playTests.sh checks the zstd binary for an executable stack with binutils' readelf "
            "(`readelf -lW zstd | grep 'GNU_STACK .* RW '`, whenever readelf is installed); a wasm module "
            "is not ELF, so readelf fails, and the script (set -e) stops there: at line 321 of its 1,670, every "
            "step before it passed, none after it ran. The check cannot apply: wasm code is never in linear "
            "memory, so no stack can be executable; nothing in wasishim could make readelf read a wasm "
            "module, and hiding readelf or faking its output would be a per-package hack",
}


# What a reader of the table should know about a package that passes.
NOTES = {
    "libsodium": "passes; its configure turns on -fstack-protector (the shim's __stack_chk_guard and "
                 "__stack_chk_fail); its tests run directly, not under the WASI runtimes its harness names "
                 "(recipes.py)",
    "lua5.4": "passes `lua -v`, the only test there is; built with Lua's upstream Makefiles at their "
              "posix target, not Debian's C++-as-well build (recipes.py says why); errors go through "
              "_setjmp/_longjmp",
    "sqlite3": "passes; built under wasishim-check (its Makefile runs the lemon it builds with the "
               "target's compiler) with zlib for wasm built first from the corpus (sessionfuzz needs it)",
    "pcre2": "passes, configured with --disable-pcre2grep-callout-fork (no processes in an instance); "
             "RunGrepTest's bad-locale test relies on the shim's setlocale",
    "expat": "passes; its test programs use setjmp (minicheck), so the default engine runs them on "
             "the interpreter (modules with exception handling skip the quick tier; docs/aot.md), "
             "hence the time",
}
