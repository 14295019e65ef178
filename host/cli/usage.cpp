// The CLI's help texts and its answer to a bad command line (usage.h).
#include "cli/usage.h"

#include <cstdio>
#include <cstdlib>

#include "cli/exit_status.h"

namespace wasishim::cli {

const char* const kUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "       wasishim run [options] --invoke NAME MODULE.wasm [VALUES...]\n"
    "       wasishim run [options] MODULE.aot [ARGS...]\n"
    "       wasishim compile MODULE.wasm -o MODULE.aot\n"
    "       wasishim caps MODULE.wasm\n"
    "       wasishim cache ls|clean|dir\n"
    "\n"
    "'wasishim COMMAND --help' describes each command's options.\n"
    "  -h, --help            show this help\n"
    "  --version             show the version\n";

const char* const kRunUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "       wasishim run [options] --invoke NAME MODULE.wasm [VALUES...]\n"
    "       wasishim run [options] MODULE.aot [ARGS...]\n"
    "\n"
    "Runs a WebAssembly command (its _start), or calls one export with --invoke.\n"
    "\n"
    "options:\n"
    "  --dir HOST[::GUEST]   preopen directory HOST, visible to the guest as GUEST\n"
    "                        (default: the same name as HOST)\n"
    "  --dir-ro HOST[::GUEST]  the same, read-only\n"
    "  --env NAME=VALUE      set a guest environment variable\n"
    "  --env NAME            pass the host's value of NAME to the guest\n"
    "  --stats               print the host's counters of WASI calls and bytes read\n"
    "                        and written on stderr when the guest ends\n"
    "  --kill-after-calls N  crash testing: after the guest's Nth WASI call, kill\n"
    "                        the host process with SIGKILL at the next one\n"
    "  --invoke NAME         call the exported function NAME (after _initialize, if\n"
    "                        exported) with VALUES parsed per its signature, and\n"
    "                        print its results, one per line\n"
    "  --deny GROUP,...      refuse modules importing these capability groups or\n"
    "                        WASI functions (see 'wasishim caps')\n"
    "  --deny-stub           instead of refusing, make denied imports return notcapable\n"
    "  --fail-write N:ERRNO  fault injection: the Nth write to a file (fd_write or\n"
    "                        fd_pwrite on a descriptor above 2) fails with ERRNO\n"
    "                        (io, nospc, ... or a number); may be repeated\n"
    "  --trace[=FILE]        log every WASI call (arguments, result, errno) to stderr\n"
    "                        or FILE\n"
    "  --engine=ENGINE       how to run the module (docs/aot.md):\n"
    "                          auto (the default): native code at once, from the\n"
    "                            cache or a quick compile (about a second even for\n"
    "                            large modules), with optimized code compiled in the\n"
    "                            background for later runs; the interpreter if the\n"
    "                            module cannot be compiled\n"
    "                          aot: optimized native code, compiled now if it is not\n"
    "                            cached; fail if it cannot be compiled\n"
    "                          interp: wabt's interpreter\n"
    "  --aot                 the same as --engine=aot\n"
    "  --aot=auto            optimized native code, or the interpreter if the module\n"
    "                        cannot be compiled\n"
    "  --aot=off             the same as --engine=interp\n"
    "  --max-call-depth N    the interpreter's limit on nested guest calls (default:\n"
    "                        what the module's stack allows, at least 65536)\n"
    "  --verbose             report AOT cache hits, compiler runs and progress on\n"
    "                        stderr (progress is also shown when stderr is a terminal)\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: the guest's own status (0-124); 125 if the guest exited with a\n"
    "status above 124; 126 if the host could not run the module; 127 if the module\n"
    "file does not exist; 128+N if the guest raised signal N; 134 if the guest\n"
    "trapped.\n";

const char* const kCompileUsage =
    "usage: wasishim compile [--verbose] MODULE.wasm -o OUT.aot\n"
    "\n"
    "Compiles a module to native code ahead of time. OUT.aot embeds the module and\n"
    "runs with 'wasishim run OUT.aot' on a machine like this one (docs/aot.md).\n"
    "\n"
    "options:\n"
    "  -o FILE               where to write the compiled object\n"
    "  --verbose             report the compiler runs and progress on stderr\n"
    "  -h, --help            show this help\n";

const char* const kCacheUsage =
    "usage: wasishim cache ls     list the compiled objects, most recently used first\n"
    "       wasishim cache clean  remove every compiled object\n"
    "       wasishim cache dir    print the cache directory\n"
    "\n"
    "The cache holds native code compiled from modules, named by a hash of the\n"
    "module and of the tools. It is $WASISHIM_CACHE_DIR, else\n"
    "$XDG_CACHE_HOME/wasishim, else ~/.cache/wasishim; private to you (mode 0700,\n"
    "refused if anyone else can write to it) and limited to $WASISHIM_CACHE_SIZE\n"
    "bytes (K, M, G suffixes; default 1G), the least recently used objects going\n"
    "first (docs/aot.md).\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help\n";

const char* const kCapsUsage =
    "usage: wasishim caps MODULE.wasm\n"
    "\n"
    "Prints whether the module is a command or a reactor, and the WASI functions it\n"
    "imports, by capability group (the names --deny takes).\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help\n";

bool is_help(std::string_view arg) { return arg == "-h" || arg == "--help"; }

[[noreturn]] void print_help(const char* text) {
  std::fputs(text, stdout);
  std::exit(0);
}

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "wasishim: error: %s\n(see 'wasishim --help')\n", message.c_str());
  std::exit(kHostError);
}

}  // namespace wasishim::cli
