// Capability groups: the WASI imports sorted by what they let a guest do, so
// a module's import list reads as a manifest and a policy can refuse a group.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasishim/capabilities.h"
#include "wasishim/options.h"

namespace wasishim {

// Bit i set: wasi_imports()[i] is denied by the policy. Throws
// HostError(usage) for a name that is neither a group nor a function.
uint64_t denied_mask(const Policy& policy);

// Whether the policy denies this preview1 function.
bool is_denied(const Policy& policy, std::string_view function);

}  // namespace wasishim
