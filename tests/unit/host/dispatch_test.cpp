#include "wasi/dispatch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "wasi/trace.h"
#include "wasishim/capabilities.h"

namespace wasishim {
namespace {

// A few signatures as the preview1 witx gives them ('i' i32, 'I' i64),
// written out here, apart from the generated list the table comes from (the
// whole list is checked against wasi-libc's compiled imports by
// syscalls.import_signatures).
TEST(Dispatch, HasTheSpecSignatures) {
  const std::map<std::string, std::string> spec = {
      {"fd_write", "iiii"}, {"fd_seek", "iIii"}, {"clock_time_get", "iIi"},
      {"path_open", "iiiiiIIii"}, {"fd_pread", "iiiIi"}, {"proc_exit", "i"},
      {"proc_raise", "i"}, {"sched_yield", ""}, {"sock_recv", "iiiiii"},
  };
  for (const auto& [name, params] : spec) {
    const WasiImport* imp = find_wasi_import(name);
    ASSERT_NE(imp, nullptr) << name;
    EXPECT_EQ(std::string(imp->params), params) << name;
  }
}

TEST(Dispatch, ListsEachFunctionOnceAndOnlyProcExitReturnsNothing) {
  std::set<std::string> seen;
  for (const auto& imp : wasi_imports()) {
    EXPECT_TRUE(seen.insert(std::string(imp.name)).second) << imp.name;
    EXPECT_EQ(imp.returns_errno, imp.name != "proc_exit") << imp.name;
  }
  EXPECT_EQ(seen.size(), 46u);  // preview1's functions, proc_raise included
}

TEST(Dispatch, EveryFunctionIsInTheCapabilityGroupItNames) {
  size_t grouped = 0;
  for (const auto& g : capability_groups()) grouped += g.functions.size();
  EXPECT_EQ(grouped, wasi_imports().size());
  for (const auto& imp : wasi_imports()) {
    const std::string_view group = group_of(imp.name);
    ASSERT_FALSE(group.empty()) << imp.name;
    bool listed = false;
    for (const auto& g : capability_groups()) {
      if (g.name != group) continue;
      for (std::string_view f : g.functions) listed = listed || f == imp.name;
    }
    EXPECT_TRUE(listed) << imp.name << " in " << group;
  }
}

TEST(Dispatch, TraceNamesEveryParameter) {
  std::vector<uint8_t> bytes(64);
  GuestMemory mem(bytes.data(), bytes.size());
  const uint64_t args[16] = {};
  for (const auto& imp : wasi_imports()) {
    const std::string text = trace_call_text(imp.name, mem, args);
    EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '=')), imp.params.size())
        << text;
  }
}

TEST(Dispatch, FindsByName) {
  ASSERT_NE(find_wasi_import("fd_write"), nullptr);
  EXPECT_EQ(find_wasi_import("fd_write")->name, "fd_write");
  EXPECT_EQ(find_wasi_import("fd_wrte"), nullptr);
}

}  // namespace
}  // namespace wasishim
