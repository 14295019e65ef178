// Direct import functions for compiled code (aot_imports.h).
#include "engine/aot_imports.h"

#include <exception>
#include <string_view>
#include <vector>

#include "engine/aot_abi.h"
#include "engine/aot_guard.h"
#include "wasishim/wasi_functions.h"

namespace wasishim::aot {
namespace {

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
      if (host->wasi->take_stop()) r = WASISHIM_AOT_STOP_RESULT;
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
      r = call_wasi(*entry, *host->checks, *host->wasi, view, packed).value_or(WASISHIM_AOT_STOP_RESULT);
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

// One entry per function of the one list (wasishim/wasi_functions.h).
#define WASI_ENTRY(name, group, returns, params, trace) entry_for<&WasiContext::name>(#name),

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {WASISHIM_WASI_FUNCTIONS(WASI_ENTRY)};
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
