#include "wasi/dispatch.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <string>
#include <utility>

#include "wasi/sigpipe_guard.h"
#include "wasi/trace.h"
#include "wasishim/wasi_functions.h"

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

// The table from the one list of the functions (wasishim/wasi_functions.h).
// The signature the list gives and the one derived from the C++ declaration
// must agree, or the build fails.
template <auto Fn>
constexpr WasiImport import_of(std::string_view name, bool returns_errno, std::string_view params) {
  constexpr std::string_view derived(Adapter<Fn>::sig.data(), Adapter<Fn>::sig.size());
  if (params != derived) throw "the declaration disagrees with preview1.functions";
  return WasiImport{name, derived, returns_errno, &Adapter<Fn>::call};
}

#define WASI_FN(name, group, returns, params, trace) \
  import_of<&WasiContext::name>(#name, returns != 0, params),
constexpr std::array kImports = {WASISHIM_WASI_FUNCTIONS(WASI_FN)};
static_assert(kImports.size() == WASISHIM_WASI_FUNCTION_COUNT);

#undef WASI_FN

}  // namespace

std::span<const WasiImport> wasi_imports() { return kImports; }

std::optional<uint32_t> call_wasi(const WasiImport& imp, CallChecks& checks, WasiContext& ctx,
                                  GuestMemory& mem, const uint64_t* args) {
  ctx.stats().wasi_calls++;
  if (checks.kill_due()) {
    std::fprintf(stderr, "wasishim: --kill-after-calls: killing the guest before its call to %.*s\n",
                 static_cast<int>(imp.name.size()), imp.name.data());
    std::fflush(nullptr);
    std::raise(SIGKILL);
  }
  std::FILE* trace = checks.trace();
  // Arguments are decoded before the call (inputs) and outputs after it.
  std::string line = trace ? trace_call_text(imp.name, mem, args) : std::string();
  std::string_view note;
  uint32_t r;
  if (checks.stubbed(imp)) {
    r = static_cast<uint32_t>(wasi::Errno::notcapable);
    note = "denied by policy";
  } else if (auto injected = checks.injected_failure(imp, args)) {
    r = *injected;
    note = "injected by --fail-write";
  } else {
    r = imp.call(ctx, mem, args);
  }
  const bool stopped = ctx.take_stop();
  if (trace) {
    line += trace_result_text(imp.name, mem, args, stopped ? std::nullopt : std::optional(r), note);
    line += '\n';
    // The trace may go to a pipe whose reader left: that must not kill the host.
    SigpipeGuard guard;
    std::fwrite(line.data(), 1, line.size(), trace);
    std::fflush(trace);
    guard.discard_raised();
  }
  if (stopped) return std::nullopt;
  return r;
}

const WasiImport* find_wasi_import(std::string_view name) {
  auto it = std::find_if(kImports.begin(), kImports.end(),
                         [&](const WasiImport& i) { return i.name == name; });
  return it == kImports.end() ? nullptr : &*it;
}

}  // namespace wasishim
