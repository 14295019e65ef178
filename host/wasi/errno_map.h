#pragma once

#include "wasi/types.h"

namespace wasishim::wasi {

// The WASI errno for a host errno value. Unknown values map to io.
Errno from_host_errno(int host_errno);

}  // namespace wasishim::wasi
