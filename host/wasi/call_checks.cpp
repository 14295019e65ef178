#include "wasi/call_checks.h"

#include <string_view>

#include "wasi/dispatch.h"
#include "wasi/policy.h"

namespace wasishim {

namespace {

size_t index_of(const WasiImport& imp) {
  return static_cast<size_t>(&imp - wasi_imports().data());
}

bool is_write(const WasiImport& imp) { return imp.name == "fd_write" || imp.name == "fd_pwrite"; }

}  // namespace

CallChecks::CallChecks(const WasiOptions& options)
    : trace_(options.trace),
      kill_after_calls_(options.kill_after_calls),
      fail_writes_(options.fail_writes) {
  const uint64_t denied = denied_mask(options.policy);
  if (options.policy.stub_denied) stubbed_mask_ = denied;
}

bool CallChecks::stubbed(const WasiImport& imp) const {
  const size_t index = index_of(imp);
  return index < wasi_imports().size() && ((stubbed_mask_ >> index) & 1);
}

bool CallChecks::needed_for(const WasiImport& imp) const {
  return trace_ || kill_after_calls_ || stubbed(imp) || (!fail_writes_.empty() && is_write(imp));
}

std::optional<uint16_t> CallChecks::injected_failure(const WasiImport& imp, const uint64_t* args) {
  if (fail_writes_.empty() || !is_write(imp) || args[0] <= 2) return std::nullopt;
  ++file_writes_;
  for (const auto& [n, e] : fail_writes_) {
    if (n == file_writes_) return e;
  }
  return std::nullopt;
}

}  // namespace wasishim
