// Runs a test suite once per path resolver: openat2 and the manual walker.
#pragma once

#include <gtest/gtest.h>

#include "sandbox/resolve.h"

namespace wasishim::testing {

class PerResolver : public ::testing::TestWithParam<sandbox::Resolver> {
 protected:
  void SetUp() override { sandbox::force_manual_resolver(GetParam() == sandbox::Resolver::manual); }
  void TearDown() override { sandbox::force_manual_resolver(false); }
};

inline std::string resolver_name(const ::testing::TestParamInfo<sandbox::Resolver>& info) {
  return info.param == sandbox::Resolver::manual ? "manual" : "openat2";
}

#define WASISHIM_BOTH_RESOLVERS(Suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Resolvers, Suite,                                           \
                           ::testing::Values(::wasishim::sandbox::Resolver::openat2,   \
                                             ::wasishim::sandbox::Resolver::manual),   \
                           ::wasishim::testing::resolver_name)

}  // namespace wasishim::testing
