// wasi::from_host_errno against an oracle it was not written from: Linux's own
// errno names (glibc's strerrorname_np) and the specification's WASI errno
// names (wasishim/wasi_abi.h, generated from <wasi/api.h>). A host errno whose
// name, less its 'E', is a WASI errno's name must map to that WASI errno.
#include "wasi/errno_map.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>

#include "wasi/types.h"
#include "wasishim/capabilities.h"

namespace wasishim {
namespace {

std::string wasi_spelling(const char* host_name) {
  std::string out;
  for (const char* p = host_name + 1; *p; ++p) out += static_cast<char>(std::tolower(*p));
  return out;
}

TEST(ErrnoMap, EveryHostErrnoNamedAsAWasiErrnoMapsToIt) {
  int named = 0;
  for (int e = 1; e < 200; ++e) {
    const char* name = strerrorname_np(e);
    if (name == nullptr) continue;
    const auto wasi = wasi_errno_from_name(wasi_spelling(name));
    if (!wasi) continue;
    EXPECT_EQ(static_cast<uint16_t>(wasi::from_host_errno(e)), *wasi) << name;
    ++named;
  }
  // Linux names 74 of preview1's 77 values this way: not success, not
  // notcapable (WASI's own), and not notsup, whose Linux value is named
  // EOPNOTSUPP.
  EXPECT_EQ(named, 74);
  EXPECT_EQ(wasi::from_host_errno(EOPNOTSUPP), wasi::Errno::notsup);
}

TEST(ErrnoMap, AHostErrnoWasiLacksIsAnIoErrorAndNeverSuccess) {
  EXPECT_EQ(wasi::from_host_errno(0), wasi::Errno::success);
  for (int e : {ENOKEY, EKEYREVOKED, ENOMEDIUM, EREMOTEIO, ERFKILL}) {
    EXPECT_EQ(wasi::from_host_errno(e), wasi::Errno::io) << strerrorname_np(e);
  }
}

}  // namespace
}  // namespace wasishim
