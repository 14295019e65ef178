#include "wasi/dispatch.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace wasishim {
namespace {

// Signatures as the preview1 witx gives them ('i' i32, 'I' i64); written out
// independently of the C++ declarations the table derives its own from.
const std::map<std::string, std::string> kSpecSignatures = {
    {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"},
    {"environ_sizes_get", "ii"}, {"clock_res_get", "ii"}, {"clock_time_get", "iIi"},
    {"fd_advise", "iIIi"}, {"fd_allocate", "iII"}, {"fd_close", "i"},
    {"fd_datasync", "i"}, {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"},
    {"fd_fdstat_set_rights", "iII"}, {"fd_filestat_get", "ii"},
    {"fd_filestat_set_size", "iI"}, {"fd_filestat_set_times", "iIIi"},
    {"fd_pread", "iiiIi"}, {"fd_prestat_get", "ii"}, {"fd_prestat_dir_name", "iii"},
    {"fd_pwrite", "iiiIi"}, {"fd_read", "iiii"}, {"fd_readdir", "iiiIi"},
    {"fd_renumber", "ii"}, {"fd_seek", "iIii"}, {"fd_sync", "i"}, {"fd_tell", "ii"},
    {"fd_write", "iiii"}, {"path_create_directory", "iii"},
    {"path_filestat_get", "iiiii"}, {"path_filestat_set_times", "iiiiIIi"},
    {"path_link", "iiiiiii"}, {"path_open", "iiiiiIIii"}, {"path_readlink", "iiiiii"},
    {"path_remove_directory", "iii"}, {"path_rename", "iiiiii"},
    {"path_symlink", "iiiii"}, {"path_unlink_file", "iii"}, {"poll_oneoff", "iiii"},
    {"proc_exit", "i"}, {"proc_raise", "i"}, {"sched_yield", ""}, {"random_get", "ii"},
    {"sock_accept", "iii"}, {"sock_recv", "iiiiii"}, {"sock_send", "iiiii"},
    {"sock_shutdown", "ii"},
};

TEST(Dispatch, CoversEveryPreview1FunctionWithTheSpecSignature) {
  std::set<std::string> seen;
  for (const auto& imp : wasi_imports()) {
    auto it = kSpecSignatures.find(std::string(imp.name));
    ASSERT_NE(it, kSpecSignatures.end()) << imp.name;
    EXPECT_EQ(std::string(imp.params), it->second) << imp.name;
    EXPECT_EQ(imp.returns_errno, imp.name != "proc_exit") << imp.name;
    seen.insert(std::string(imp.name));
  }
  EXPECT_EQ(seen.size(), kSpecSignatures.size());
}

TEST(Dispatch, FindsByName) {
  ASSERT_NE(find_wasi_import("fd_write"), nullptr);
  EXPECT_EQ(find_wasi_import("fd_write")->name, "fd_write");
  EXPECT_EQ(find_wasi_import("fd_wrte"), nullptr);
}

}  // namespace
}  // namespace wasishim
