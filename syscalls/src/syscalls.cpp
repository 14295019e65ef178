#include "wasishim/syscalls.h"

namespace wasishim::sys {

namespace {
// Indexed by errc value; the spec numbers errors densely from 0.
constexpr const char* errc_names[] = {
#define WASISHIM_ERRC_NAME(id, name, value) name,
    WASISHIM_WASI_ERRNOS(WASISHIM_ERRC_NAME)
#undef WASISHIM_ERRC_NAME
};
static_assert(sizeof(errc_names) / sizeof(errc_names[0]) == WASISHIM_WASI_ERRNO_COUNT);
}  // namespace

const char* errc_name(errc code) {
  const auto index = static_cast<size_t>(code);
  if (index >= sizeof(errc_names) / sizeof(errc_names[0])) return "unknown";
  return errc_names[index];
}

}  // namespace wasishim::sys
