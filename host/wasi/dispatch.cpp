#include "wasi/dispatch.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <string>
#include <utility>

#include "wasi/sigpipe_guard.h"
#include "wasi/trace.h"

namespace wasishim {

namespace {

template <class T>
constexpr char param_code() {
  static_assert(std::is_same_v<T, uint32_t> || std::is_same_v<T, uint64_t>);
  return std::is_same_v<T, uint64_t> ? 'I' : 'i';
}

template <auto Fn>
struct Adapter;

// Turns `Errno WasiContext::f(GuestMemory&, A...)` into the uniform form, and
// derives the wasm signature from the C++ parameter types, so the table cannot
// disagree with the implementation.
template <class... A, wasi::Errno (WasiContext::*Fn)(GuestMemory&, A...)>
struct Adapter<Fn> {
  static constexpr std::array<char, sizeof...(A)> sig{param_code<A>()...};

  static uint32_t call(WasiContext& ctx, GuestMemory& mem, const uint64_t* args) {
    return invoke(ctx, mem, args, std::index_sequence_for<A...>{});
  }

  template <size_t... I>
  static uint32_t invoke(WasiContext& ctx, GuestMemory& mem, const uint64_t* args,
                         std::index_sequence<I...>) {
    return static_cast<uint32_t>((ctx.*Fn)(mem, static_cast<A>(args[I])...));
  }
};

#define WASI_FN(name)                                                     \
  WasiImport {                                                            \
    #name, std::string_view(Adapter<&WasiContext::name>::sig.data(),      \
                            Adapter<&WasiContext::name>::sig.size()),     \
        true, &Adapter<&WasiContext::name>::call                          \
  }

const std::array kImports = {
    WASI_FN(args_get),
    WASI_FN(args_sizes_get),
    WASI_FN(environ_get),
    WASI_FN(environ_sizes_get),
    WASI_FN(clock_res_get),
    WASI_FN(clock_time_get),
    WASI_FN(fd_advise),
    WASI_FN(fd_allocate),
    WASI_FN(fd_close),
    WASI_FN(fd_datasync),
    WASI_FN(fd_fdstat_get),
    WASI_FN(fd_fdstat_set_flags),
    WASI_FN(fd_fdstat_set_rights),
    WASI_FN(fd_filestat_get),
    WASI_FN(fd_filestat_set_size),
    WASI_FN(fd_filestat_set_times),
    WASI_FN(fd_pread),
    WASI_FN(fd_prestat_get),
    WASI_FN(fd_prestat_dir_name),
    WASI_FN(fd_pwrite),
    WASI_FN(fd_read),
    WASI_FN(fd_readdir),
    WASI_FN(fd_renumber),
    WASI_FN(fd_seek),
    WASI_FN(fd_sync),
    WASI_FN(fd_tell),
    WASI_FN(fd_write),
    WASI_FN(path_create_directory),
    WASI_FN(path_filestat_get),
    WASI_FN(path_filestat_set_times),
    WASI_FN(path_link),
    WASI_FN(path_open),
    WASI_FN(path_readlink),
    WASI_FN(path_remove_directory),
    WASI_FN(path_rename),
    WASI_FN(path_symlink),
    WASI_FN(path_unlink_file),
    WASI_FN(poll_oneoff),
    WasiImport{"proc_exit", "i", false, &Adapter<&WasiContext::proc_exit>::call},
    WASI_FN(proc_raise),
    WASI_FN(sched_yield),
    WASI_FN(random_get),
    WASI_FN(sock_accept),
    WASI_FN(sock_recv),
    WASI_FN(sock_send),
    WASI_FN(sock_shutdown),
};
static_assert(kImports.size() == 46, "wasi_snapshot_preview1 has 46 functions");

#undef WASI_FN

}  // namespace

std::span<const WasiImport> wasi_imports() { return kImports; }

uint32_t call_wasi(const WasiImport& imp, WasiContext& ctx, GuestMemory& mem, const uint64_t* args) {
  ctx.stats().wasi_calls++;
  if (ctx.kill_due()) {
    std::fprintf(stderr, "wasishim: --kill-after-calls: killing the guest before its call to %.*s\n",
                 static_cast<int>(imp.name.size()), imp.name.data());
    std::fflush(nullptr);
    std::raise(SIGKILL);
  }
  const size_t index = static_cast<size_t>(&imp - kImports.data());
  const bool stubbed = index < kImports.size() && (ctx.stubbed_mask() >> index) & 1;
  std::FILE* trace = ctx.trace();
  if (!trace) {
    return stubbed ? static_cast<uint32_t>(wasi::Errno::notcapable) : imp.call(ctx, mem, args);
  }
  // Arguments are decoded before the call (inputs) and outputs after it.
  std::string line = trace_call_text(imp.name, mem, args);
  uint32_t r = stubbed ? static_cast<uint32_t>(wasi::Errno::notcapable) : imp.call(ctx, mem, args);
  line += trace_result_text(imp.name, mem, args, r, stubbed);
  line += '\n';
  {
    // The trace may go to a pipe whose reader left: that must not kill the host.
    SigpipeGuard guard;
    std::fwrite(line.data(), 1, line.size(), trace);
    std::fflush(trace);
    guard.discard_raised();
  }
  return r;
}

const WasiImport* find_wasi_import(std::string_view name) {
  auto it = std::find_if(kImports.begin(), kImports.end(),
                         [&](const WasiImport& i) { return i.name == name; });
  return it == kImports.end() ? nullptr : &*it;
}

}  // namespace wasishim
