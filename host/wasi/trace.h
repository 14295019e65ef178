// strace-like text for one WASI call: "fd_write(fd=1, iovs=0x1ff0 [\"hi\\n\"],
// iovs_len=1, nwritten=0x1fec) = success [nwritten=3]".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "abi/guest_memory.h"

namespace wasishim {

// The call with its decoded arguments, up to and including ')'.
std::string trace_call_text(std::string_view function, const GuestMemory& mem, const uint64_t* args);
// " = <errno name>" and any outputs the call wrote, for result `r` (nothing:
// the call ended the guest), with `note` in parentheses when not empty (why
// the call was not made: "denied by policy").
std::string trace_result_text(std::string_view function, const GuestMemory& mem, const uint64_t* args,
                              std::optional<uint32_t> r, std::string_view note = {});

}  // namespace wasishim
