// Direct import functions for compiled code (aot_imports.h).
#include "engine/aot_imports.h"

#include <exception>
#include <string_view>
#include <vector>

#include "engine/aot_abi.h"
#include "engine/aot_guard.h"

namespace wasishim::aot {
namespace {

static_assert(static_cast<uint32_t>(WasiContext::kStop) == WASISHIM_AOT_STOP_RESULT,
              "the glue tests for the host's stop value");

template <auto Fn>
struct Thunks;

// Generated from the member function's own signature, as the dispatch table
// is, so an import function cannot disagree with the implementation.
template <class... A, wasi::Errno (WasiContext::*Fn)(GuestMemory&, A...)>
struct Thunks<Fn> {
  static inline const WasiImport* entry = nullptr;  // for the checked path

  static uint32_t direct(void* ctx, uint8_t* mem, uint64_t mem_size, A... args) noexcept {
    auto* host = static_cast<HostContext*>(ctx);
    wasishim_aot_enter_host();
    uint32_t r;
    try {
      GuestMemory view(mem, mem_size);
      host->wasi->stats().wasi_calls++;
      r = static_cast<uint32_t>((host->wasi->*Fn)(view, args...));
    } catch (const std::exception& e) {
      r = fail(host, e.what());
    } catch (...) {
      r = fail(host, "unknown exception");
    }
    wasishim_aot_leave_host();
    return r;
  }

  static uint32_t checked(void* ctx, uint8_t* mem, uint64_t mem_size, A... args) noexcept {
    auto* host = static_cast<HostContext*>(ctx);
    wasishim_aot_enter_host();
    uint32_t r;
    try {
      GuestMemory view(mem, mem_size);
      const uint64_t packed[sizeof...(A) + 1] = {static_cast<uint64_t>(args)...};
      r = call_wasi(*entry, *host->wasi, view, packed);
    } catch (const std::exception& e) {
      r = fail(host, e.what());
    } catch (...) {
      r = fail(host, "unknown exception");
    }
    wasishim_aot_leave_host();
    return r;
  }

  // No C++ exception may unwind into compiled code: it becomes a stop, and
  // the engine reports the failure.
  static uint32_t fail(HostContext* host, const char* what) {
    host->failure = what;
    return WASISHIM_AOT_STOP_RESULT;
  }
};

struct Entry {
  std::string_view name;
  void* direct;
  void* checked;
};

template <auto Fn>
Entry entry_for(std::string_view name) {
  Thunks<Fn>::entry = find_wasi_import(name);
  return {name, reinterpret_cast<void*>(&Thunks<Fn>::direct), reinterpret_cast<void*>(&Thunks<Fn>::checked)};
}

#define WASI_ENTRY(name) entry_for<&WasiContext::name>(#name)

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      WASI_ENTRY(args_get),
      WASI_ENTRY(args_sizes_get),
      WASI_ENTRY(environ_get),
      WASI_ENTRY(environ_sizes_get),
      WASI_ENTRY(clock_res_get),
      WASI_ENTRY(clock_time_get),
      WASI_ENTRY(fd_advise),
      WASI_ENTRY(fd_allocate),
      WASI_ENTRY(fd_close),
      WASI_ENTRY(fd_datasync),
      WASI_ENTRY(fd_fdstat_get),
      WASI_ENTRY(fd_fdstat_set_flags),
      WASI_ENTRY(fd_fdstat_set_rights),
      WASI_ENTRY(fd_filestat_get),
      WASI_ENTRY(fd_filestat_set_size),
      WASI_ENTRY(fd_filestat_set_times),
      WASI_ENTRY(fd_pread),
      WASI_ENTRY(fd_prestat_get),
      WASI_ENTRY(fd_prestat_dir_name),
      WASI_ENTRY(fd_pwrite),
      WASI_ENTRY(fd_read),
      WASI_ENTRY(fd_readdir),
      WASI_ENTRY(fd_renumber),
      WASI_ENTRY(fd_seek),
      WASI_ENTRY(fd_sync),
      WASI_ENTRY(fd_tell),
      WASI_ENTRY(fd_write),
      WASI_ENTRY(path_create_directory),
      WASI_ENTRY(path_filestat_get),
      WASI_ENTRY(path_filestat_set_times),
      WASI_ENTRY(path_link),
      WASI_ENTRY(path_open),
      WASI_ENTRY(path_readlink),
      WASI_ENTRY(path_remove_directory),
      WASI_ENTRY(path_rename),
      WASI_ENTRY(path_symlink),
      WASI_ENTRY(path_unlink_file),
      WASI_ENTRY(poll_oneoff),
      WASI_ENTRY(proc_exit),
      WASI_ENTRY(proc_raise),
      WASI_ENTRY(sched_yield),
      WASI_ENTRY(random_get),
      WASI_ENTRY(sock_accept),
      WASI_ENTRY(sock_recv),
      WASI_ENTRY(sock_send),
      WASI_ENTRY(sock_shutdown),
  };
  return table;
}

#undef WASI_ENTRY

}  // namespace

void* import_function(const WasiImport& imp, bool checked) {
  for (const Entry& e : entries()) {
    if (e.name == imp.name) return checked ? e.checked : e.direct;
  }
  return nullptr;
}

}  // namespace wasishim::aot
