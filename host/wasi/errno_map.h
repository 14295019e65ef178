#pragma once

#include "wasi/types.h"

namespace wasishim::wasi {

// The WASI errno for a host errno value. Unknown values map to io.
Errno from_host_errno(int host_errno);

// The WASI errno for an error of the sandbox's resolvers: as from_host_errno,
// except that a lookup leaving the tree (sandbox::kEscapes) is notcapable.
Errno from_sandbox_errno(int host_errno);

}  // namespace wasishim::wasi
