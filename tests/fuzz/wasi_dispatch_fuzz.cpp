// libFuzzer target: drives the WASI dispatch table with random function
// indices and arguments over random guest memory, inside a temporary preopen.
// Input layout, repeated until the input runs out (so calls form sequences:
// open then read, mkdir then rename, ...):
//   byte   function index (mod 46), bit 7 of the first byte picks the resolver
//   per argument: a selector byte and 1-8 value bytes (small ints, pointers
//   into memory, raw 32- and 64-bit values)
// Anything left over after the calls seeds guest memory first.
//
// Besides the sanitizers, the target checks that a canary directory next to
// the preopen (reachable by "../canary" and an absolute symlink) is never
// read or changed: a sandbox escape aborts the run. Reads are seen through
// atime: every canary's atime is set older than its mtime, so the kernel
// (relatime) records the next read; the target checks at start-up that it
// does on the file system it uses.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "abi/guest_memory.h"
#include "sandbox/resolve.h"
#include "wasi/context.h"
#include "wasi/dispatch.h"

namespace {

namespace fs = std::filesystem;
using wasishim::GuestMemory;
using wasishim::WasiContext;

constexpr size_t kMemSize = 1 << 16;

struct World {
  std::string root, sandbox, canary;
  struct stat canary_dir {}, canary_file {};
};

bool same_time(const timespec& a, const timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

bool same(const struct stat& a, const struct stat& b) {
  return a.st_ino == b.st_ino && a.st_size == b.st_size && a.st_mode == b.st_mode &&
         a.st_nlink == b.st_nlink && same_time(a.st_atim, b.st_atim) &&
         same_time(a.st_mtim, b.st_mtim) && same_time(a.st_ctim, b.st_ctim);
}

// An atime older than the mtime: relatime then records the next read.
void make_reads_visible(const std::string& path) {
  const timespec times[2] = {{1000, 0}, {2000, 0}};
  if (utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) std::abort();
}

// The canary sees reads only if this file system records them; a fuzzer
// that could not see them would pass while blind, so it stops instead.
void require_reads_recorded(const std::string& dir) {
  const std::string probe = dir + "/atime-probe";
  FILE* f = std::fopen(probe.c_str(), "w");
  if (!f) std::abort();
  std::fputs("x", f);
  std::fclose(f);
  make_reads_visible(probe);
  struct stat before {}, after {};
  stat(probe.c_str(), &before);
  f = std::fopen(probe.c_str(), "r");
  (void)std::fgetc(f);
  std::fclose(f);
  stat(probe.c_str(), &after);
  unlink(probe.c_str());
  if (same_time(before.st_atim, after.st_atim)) {
    std::fprintf(stderr, "%s does not record reads in atime (noatime?): the canary would be blind\n",
                 dir.c_str());
    std::abort();
  }
}

// Never destroyed: the exit handler below still needs it.
World& world() {
  static World* const instance = [] {
    auto* wp = new World;
    World& w = *wp;
    // tmpfs when available: fd_sync and friends are then no-ops, and the
    // fuzzer runs many more inputs per second.
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                        ? fs::path("/dev/shm")
                        : fs::temp_directory_path();
    std::string tmpl = (base / "wasishim-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    w.root = tmpl;
    w.sandbox = w.root + "/sandbox";
    w.canary = w.root + "/canary";
    fs::create_directories(w.sandbox + "/d/e");
    fs::create_directories(w.canary);
    FILE* f = std::fopen((w.canary + "/secret").c_str(), "w");
    std::fputs("secret", f);
    std::fclose(f);
    f = std::fopen((w.sandbox + "/f").c_str(), "w");
    std::fputs("0123456789", f);
    std::fclose(f);
    symlink("../canary", (w.sandbox + "/up").c_str());
    symlink(w.canary.c_str(), (w.sandbox + "/abs").c_str());
    symlink("f", (w.sandbox + "/ln").c_str());
    symlink("loop", (w.sandbox + "/loop").c_str());
    require_reads_recorded(w.root);
    make_reads_visible(w.canary + "/secret");
    make_reads_visible(w.canary);
    stat(w.canary.c_str(), &w.canary_dir);
    stat((w.canary + "/secret").c_str(), &w.canary_file);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(world().root, ec);
    });
    return wp;
  }();
  return *instance;
}

class Input {
 public:
  Input(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  bool empty() const { return pos_ >= n_; }
  uint64_t take(size_t bytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < bytes && pos_ < n_; ++i) v |= uint64_t{d_[pos_++]} << (8 * i);
    return v;
  }
  const uint8_t* rest(size_t& len) const {
    len = pos_ < n_ ? n_ - pos_ : 0;
    return d_ + pos_;
  }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t pos_ = 0;
};

uint64_t next_arg(Input& in) {
  switch (in.take(1) % 8) {
    case 0: case 1: case 2: return in.take(1) % 8;           // descriptors, flags, small counts
    case 3: return in.take(1);                                // small values
    case 4: case 5: return in.take(2) % kMemSize;             // pointers into memory
    case 6: return static_cast<uint32_t>(in.take(4));         // any 32-bit value
    default: return in.take(8);                               // any 64-bit value
  }
}

// poll_oneoff may otherwise wait for as long as the input asks: clamp every
// clock subscription to at most 50 us, relative.
void tame_poll(std::vector<uint8_t>& mem, uint64_t in, uint64_t nsubs) {
  for (uint64_t i = 0; i < nsubs && i < 64; ++i) {
    uint64_t s = in + i * 48;
    if (s + 48 > mem.size()) return;
    if (mem[s + 8] != 0) continue;
    uint64_t timeout;
    std::memcpy(&timeout, &mem[s + 24], 8);
    timeout %= 50'000;
    std::memcpy(&mem[s + 24], &timeout, 8);
    mem[s + 40] = 0;
    mem[s + 41] = 0;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& w = world();
  if (size == 0) return 0;
  wasishim::sandbox::force_manual_resolver(data[0] & 0x80);

  static const int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  wasishim::WasiOptions options;
  options.args = {"fuzz", "arg"};
  options.env = {"K=V"};
  options.stdin_fd = devnull;
  options.stdout_fd = devnull;
  options.stderr_fd = devnull;
  options.preopens.push_back({w.sandbox, "/", (data[0] & 0x40) != 0});
  wasishim::CallChecks checks(options);
  WasiContext ctx(options);

  // Exactly sized, so the address sanitizer sees any access past the end.
  std::vector<uint8_t> memory(kMemSize);
  for (size_t i = 0; i < kMemSize; ++i) memory[i] = data[i % size];
  GuestMemory mem(memory.data(), memory.size());

  auto imports = wasishim::wasi_imports();
  Input in(data, size);
  for (int calls = 0; calls < 32 && !in.empty(); ++calls) {
    const auto& imp = imports[in.take(1) % imports.size()];
    uint64_t args[16] = {};
    for (size_t a = 0; a < imp.params.size(); ++a) {
      args[a] = next_arg(in);
      if (imp.params[a] == 'i') args[a] = static_cast<uint32_t>(args[a]);
    }
    if (imp.name == "poll_oneoff") tame_poll(memory, args[0], args[2]);
    const auto r = wasishim::call_wasi(imp, checks, ctx, mem, args);
    if (!r) break;  // the guest stopped
    if (*r > static_cast<uint32_t>(wasishim::wasi::Errno::notcapable)) __builtin_trap();
  }

  struct stat d {}, f {};
  if (stat(w.canary.c_str(), &d) != 0 || stat((w.canary + "/secret").c_str(), &f) != 0 ||
      !same(d, w.canary_dir) || !same(f, w.canary_file)) {
    std::fprintf(stderr, "sandbox escape: the canary outside the preopen changed\n");
    __builtin_trap();
  }
  return 0;
}
