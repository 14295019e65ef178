#pragma once

#include <stdexcept>
#include <string>

namespace wasishim {

// Why the host could not run a guest, as opposed to anything the guest did.
// Each kind has its own process exit status in `wasishim run` (docs/host.md).
enum class HostErrorKind {
  usage,            // bad command line
  io,               // module file missing or unreadable, preopen missing
  invalid_module,   // not wasm, truncated, fails validation
  link,             // unknown import, missing export, policy refusal
};

class HostError : public std::runtime_error {
 public:
  HostError(HostErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  HostErrorKind kind() const { return kind_; }

 private:
  HostErrorKind kind_;
};

}  // namespace wasishim
