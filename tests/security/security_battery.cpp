// The sandbox escape battery: every path-taking WASI function crossed with
// every escape pattern, under both resolvers. Each case builds a fresh tree
//
//   T/outside/   the canary: secret.txt, dir/, dir/inner.txt, outlink -> secret.txt
//   T/sandbox/   the preopen, holding the guest's escape routes
//
// and asserts that the call failed and that nothing under T except the
// sandbox was read (atime), created, removed or changed (content, size, mode,
// times, link target), by comparing snapshots taken before and after.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "resolver_param.h"
#include "sandbox/resolve.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
namespace oflag = wasi::oflag;
constexpr uint64_t kRights = right::regular_file | right::directory;
constexpr uint32_t kFollow = wasi::lookupflag::symlink_follow;
constexpr int64_t kOldAtime = 1000;   // canary atimes are older than their
constexpr int64_t kOldMtime = 2000;   // mtimes, so relatime records any read

// ---- the canary tree and its snapshot ------------------------------------

struct Entry {
  mode_t mode;
  off_t size;
  timespec atim, mtim, ctim;
  ino_t ino;
  nlink_t nlink;
  std::string content;  // file bytes
  bool operator==(const Entry& o) const {
    auto eq = [](const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; };
    return mode == o.mode && size == o.size && eq(atim, o.atim) && eq(mtim, o.mtim) &&
           eq(ctim, o.ctim) && ino == o.ino && nlink == o.nlink && content == o.content;
  }
};
using Snapshot = std::map<std::string, Entry>;

// Walks `dir` without following symlinks and without touching atimes
// (O_NOATIME: the test owns every file).
void snapshot_into(const std::string& dir, const std::string& rel, const std::string& skip, Snapshot& out) {
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOATIME | O_CLOEXEC);
  if (dfd < 0) return;
  DIR* d = fdopendir(dfd);
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  for (const auto& n : names) {
    std::string path = dir + "/" + n, key = rel + "/" + n;
    if (path == skip) continue;
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) continue;
    Entry en{st.st_mode, st.st_size, st.st_atim, st.st_mtim, st.st_ctim, st.st_ino, st.st_nlink, {}};
    if (S_ISREG(st.st_mode)) {
      int fd = open(path.c_str(), O_RDONLY | O_NOATIME | O_CLOEXEC);
      char buf[4096];
      ssize_t k;
      while (fd >= 0 && (k = read(fd, buf, sizeof buf)) > 0) en.content.append(buf, static_cast<size_t>(k));
      if (fd >= 0) close(fd);
    }
    // A symlink's target is not read: readlink would itself update the
    // link's atime. Replacing a link changes its inode and ctime instead.
    out[key] = en;
    if (S_ISDIR(st.st_mode)) snapshot_into(path, key, skip, out);
  }
}

// The directory itself too: a read of T/outside (readdir) changes its atime.
Snapshot snapshot(const std::string& top, const std::string& skip) {
  Snapshot s;
  struct stat st {};
  lstat(top.c_str(), &st);
  s["."] = Entry{st.st_mode, st.st_size, st.st_atim, st.st_mtim, st.st_ctim, st.st_ino, st.st_nlink, {}};
  snapshot_into(top, "", skip, s);
  return s;
}

std::string describe_difference(const Snapshot& a, const Snapshot& b) {
  std::string out;
  for (auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) out += " removed:" + k;
    else if (!(it->second == v)) out += " changed:" + k;
  }
  for (auto& [k, v] : b)
    if (!a.count(k)) out += " created:" + k;
  return out;
}

void set_old_times(const std::string& path) {
  timespec ts[2] = {{kOldAtime, 0}, {kOldMtime, 0}};
  utimensat(AT_FDCWD, path.c_str(), ts, AT_SYMLINK_NOFOLLOW);
}

// ---- escape patterns -----------------------------------------------------

// The leaf a function acts on, in the outside directory.
enum class Leaf { file, dir, fresh, link };
const char* leaf_name(Leaf l) {
  switch (l) {
    case Leaf::file: return "secret.txt";
    case Leaf::dir: return "dir";
    case Leaf::fresh: return "NEW";
    case Leaf::link: return "outlink";
  }
  return "";
}

struct World {
  std::string top, outside, sandbox;
};

// A pattern produces the guest path that would reach `leaf` in the outside
// directory if the sandbox failed.
struct Pattern {
  const char* name;
  // Whether the escape happens in the final component (a symlink named by the
  // whole path). Such a path is harmless for a function that does not follow
  // its final component, so those pairs are not generated.
  bool final_link;
  std::function<std::string(const World&, Leaf)> path;
};

std::vector<Pattern> patterns() {
  auto via = [](std::string prefix) {
    return [prefix](const World&, Leaf l) { return prefix + "/" + leaf_name(l); };
  };
  return {
      {"dotdot", false, via("..")},
      {"dotdot_outside", false, via("../outside")},
      {"dotdot_after_subdir", false, via("sub/../../outside")},
      {"dotdot_deep", false, via("sub/sub2/../../../outside")},
      {"dotdot_to_root", false,
       [](const World& w, Leaf l) { return "sub/../../../../../../../../../../.." + w.outside + "/" + leaf_name(l); }},
      {"absolute", false, [](const World& w, Leaf l) { return w.outside + "/" + leaf_name(l); }},
      {"absolute_dotdot", false, [](const World& w, Leaf l) { return w.sandbox + "/../outside/" + leaf_name(l); }},
      {"abs_symlink_dir", false, via("abs_dir_link")},
      {"rel_symlink_dir", false, via("rel_dir_link")},
      {"symlinked_intermediate", false, via("sub/up_link")},
      {"legit_link_then_escape", false, via("sublink/up_link")},
      {"chain_relative", false, via("chain1")},
      {"chain_absolute", false, via("chain_abs1")},
      {"loop", false, via("loop_a")},
      {"self_loop", false, via("self_loop")},
      {"proc_root_absolute", false, [](const World& w, Leaf l) { return "/proc/self/root" + w.outside + "/" + leaf_name(l); }},
      {"proc_root_link", false, [](const World& w, Leaf l) { return "proc_root_link" + w.outside + "/" + leaf_name(l); }},
      {"proc_cwd_link", false, via("proc_cwd_link")},
      {"proc_cwd_dotdot", false, via("sub/../../../../../../../../../../../proc/self/cwd")},
      {"proc_cwd_rel_link", false, via("proc_rel_link")},
      {"proc_fd_link", false, via("proc_fd_link")},
      {"final_rel_link", true, [](const World&, Leaf l) { return std::string("rel_") + leaf_name(l); }},
      {"final_abs_link", true, [](const World&, Leaf l) { return std::string("abs_") + leaf_name(l); }},
      {"final_chain_link", true, [](const World&, Leaf l) { return std::string("chain_") + leaf_name(l); }},
      {"final_deep_link", true, [](const World&, Leaf l) { return std::string("sub/deep_") + leaf_name(l); }},
  };
}

// Trailing-slash patterns: a symlink followed by '/', which every lookup
// follows, whatever the function's own follow rule. Generated for all
// functions.
std::vector<Pattern> trailing_slash_patterns() {
  return {
      {"trailing_slash_rel_link", false, [](const World&, Leaf l) { return std::string("rel_") + leaf_name(l) + "/"; }},
      {"trailing_slash_abs_link", false, [](const World&, Leaf l) { return std::string("abs_") + leaf_name(l) + "/"; }},
      {"trailing_slash_dir_link_dot", false, [](const World&, Leaf l) { return std::string("rel_") + leaf_name(l) + "/."; }},
  };
}

// ---- functions -------------------------------------------------------------

struct Function {
  const char* name;
  Leaf leaf;
  bool follows_final;
  // Calls the function with `path` as its escaping path argument.
  std::function<Errno(Guest&, const std::string&)> call;
};

std::vector<Function> functions() {
  auto open_with = [](uint32_t dirflags, uint32_t oflags, uint64_t rights) {
    return [=](Guest& g, const std::string& p) {
      uint32_t fd;
      return g.open(p, oflags, rights, fd, dirflags);
    };
  };
  auto stat_with = [](uint32_t flags) {
    return [=](Guest& g, const std::string& p) {
      auto a = g.path(p);
      return g.ctx().path_filestat_get(g.mem(), kPreopen, flags, a.ptr, a.len, g.alloc(64));
    };
  };
  auto times_with = [](uint32_t flags) {
    return [=](Guest& g, const std::string& p) {
      auto a = g.path(p);
      return g.ctx().path_filestat_set_times(g.mem(), kPreopen, flags, a.ptr, a.len, 5, 5,
                                             wasi::fstflag::atim | wasi::fstflag::mtim);
    };
  };
  auto one_path = [](auto member) {
    return [=](Guest& g, const std::string& p) {
      auto a = g.path(p);
      return (g.ctx().*member)(g.mem(), kPreopen, a.ptr, a.len);
    };
  };
  return {
      {"path_open_read", Leaf::file, true, open_with(kFollow, 0, right::fd_read)},
      {"path_open_read_nofollow", Leaf::file, false, open_with(0, 0, right::fd_read)},
      {"path_open_path_only", Leaf::file, true, open_with(kFollow, 0, 0)},
      {"path_open_directory", Leaf::dir, true, open_with(kFollow, oflag::directory, right::fd_readdir)},
      {"path_open_write", Leaf::file, true, open_with(kFollow, 0, right::fd_write)},
      {"path_open_trunc", Leaf::file, true, open_with(kFollow, oflag::trunc, right::fd_write)},
      {"path_open_create", Leaf::fresh, true, open_with(kFollow, oflag::creat, right::fd_write)},
      // The size right alone: the access mode then depends on what the path
      // names, and the sandbox opens the final name by its type.
      {"path_open_set_size", Leaf::file, true, open_with(kFollow, 0, right::fd_filestat_set_size)},
      {"path_open_set_size_dir", Leaf::dir, true, open_with(kFollow, 0, right::fd_filestat_set_size)},
      {"path_open_set_size_nofollow", Leaf::file, false, open_with(0, 0, right::fd_filestat_set_size)},
      {"path_open_create_excl", Leaf::fresh, false, open_with(0, oflag::creat | oflag::excl, right::fd_write)},
      {"path_filestat_get_follow", Leaf::file, true, stat_with(kFollow)},
      {"path_filestat_get_nofollow", Leaf::file, false, stat_with(0)},
      {"path_filestat_set_times_follow", Leaf::file, true, times_with(kFollow)},
      {"path_filestat_set_times_nofollow", Leaf::file, false, times_with(0)},
      {"path_create_directory", Leaf::fresh, false, one_path(&WasiContext::path_create_directory)},
      {"path_unlink_file", Leaf::file, false, one_path(&WasiContext::path_unlink_file)},
      {"path_remove_directory", Leaf::dir, false, one_path(&WasiContext::path_remove_directory)},
      {"path_readlink", Leaf::link, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path(p);
         return g.ctx().path_readlink(g.mem(), kPreopen, a.ptr, a.len, g.alloc(64), 64, g.alloc(4));
       }},
      {"path_symlink", Leaf::fresh, false,
       [](Guest& g, const std::string& p) {
         auto t = g.path("inside.txt");
         auto a = g.path(p);
         return g.ctx().path_symlink(g.mem(), t.ptr, t.len, kPreopen, a.ptr, a.len);
       }},
      // The escaping path as the link's text: a link created inside the
      // sandbox whose target climbs out of it (only patterns whose text does).
      {"path_symlink_target", Leaf::file, false,
       [](Guest& g, const std::string& p) {
         auto t = g.path(p);
         auto a = g.path("new_link");
         return g.ctx().path_symlink(g.mem(), t.ptr, t.len, kPreopen, a.ptr, a.len);
       }},
      {"path_link_source", Leaf::file, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path(p);
         auto b = g.path("stolen");
         return g.ctx().path_link(g.mem(), kPreopen, 0, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
      {"path_link_source_follow", Leaf::file, true,
       [](Guest& g, const std::string& p) {
         auto a = g.path(p);
         auto b = g.path("stolen");
         return g.ctx().path_link(g.mem(), kPreopen, kFollow, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
      {"path_link_target", Leaf::fresh, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path("inside.txt");
         auto b = g.path(p);
         return g.ctx().path_link(g.mem(), kPreopen, 0, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
      {"path_rename_source", Leaf::file, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path(p);
         auto b = g.path("stolen");
         return g.ctx().path_rename(g.mem(), kPreopen, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
      {"path_rename_target", Leaf::fresh, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path("inside.txt");
         auto b = g.path(p);
         return g.ctx().path_rename(g.mem(), kPreopen, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
      {"path_rename_target_existing", Leaf::file, false,
       [](Guest& g, const std::string& p) {
         auto a = g.path("inside.txt");
         auto b = g.path(p);
         return g.ctx().path_rename(g.mem(), kPreopen, a.ptr, a.len, kPreopen, b.ptr, b.len);
       }},
  };
}

// ---- cases -----------------------------------------------------------------

struct Case {
  std::string name;
  Pattern pattern;
  Function function;
};

// The patterns whose text alone leads out (by ".." or an absolute path), as
// opposed to those that lead out through a symlink in the sandbox. As a
// symlink's target only these escape: the others name a link inside.
bool text_leads_out(const Pattern& p) {
  const std::string n = p.name;
  return n.rfind("dotdot", 0) == 0 || n.rfind("absolute", 0) == 0 || n == "proc_root_absolute" ||
         n == "proc_cwd_dotdot";
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto& f : functions()) {
    const bool link_text = std::string(f.name) == "path_symlink_target";
    for (const auto& p : patterns()) {
      if (p.final_link && !f.follows_final) continue;
      if (link_text && !text_leads_out(p)) continue;
      out.push_back({std::string(f.name) + "__" + p.name, p, f});
    }
    if (link_text) continue;
    for (const auto& p : trailing_slash_patterns()) out.push_back({std::string(f.name) + "__" + p.name, p, f});
  }
  return out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> c = all_cases();
  return c;
}

// Builds T/outside and T/sandbox; the Guest's own temporary directory is
// used as T/sandbox by moving the canary next to it.
World build_world(Guest& g, int outside_fd_holder[1]) {
  World w;
  w.sandbox = g.root();
  w.top = w.sandbox + "-top";
  w.outside = w.top + "/outside";
  mkdir(w.top.c_str(), 0755);
  mkdir(w.outside.c_str(), 0755);
  write_host_file(w.outside + "/secret.txt", "SECRET");
  mkdir((w.outside + "/dir").c_str(), 0755);
  write_host_file(w.outside + "/dir/inner.txt", "INNER");
  symlink("secret.txt", (w.outside + "/outlink").c_str());
  // The preopen lives at T/sandbox, so ".." from it is T.
  std::string inner = w.top + "/sandbox";
  rename(w.sandbox.c_str(), inner.c_str());
  symlink(inner.c_str(), w.sandbox.c_str());  // keep Guest's cleanup path valid
  w.sandbox = inner;
  return w;
  (void)outside_fd_holder;
}

void populate_sandbox(const World& w, int outside_fd) {
  auto S = [&](const std::string& rel) { return w.sandbox + "/" + rel; };
  auto L = [&](const std::string& target, const std::string& rel) { symlink(target.c_str(), S(rel).c_str()); };
  write_host_file(S("inside.txt"), "inside");
  mkdir(S("sub").c_str(), 0755);
  mkdir(S("sub/sub2").c_str(), 0755);
  L(w.outside, "abs_dir_link");
  L("../outside", "rel_dir_link");
  L("../../outside", "sub/up_link");
  L("sub", "sublink");
  L("chain2", "chain1");
  L("chain3", "chain2");
  L("../outside", "chain3");
  L("chain_abs2", "chain_abs1");
  L(w.outside, "chain_abs2");
  L("loop_b", "loop_a");
  L("loop_a", "loop_b");
  L("self_loop", "self_loop");
  L("/proc/self/root", "proc_root_link");
  L("/proc/self/cwd", "proc_cwd_link");
  L("../../../../../../../../../../../../proc/self/cwd", "proc_rel_link");
  L("/proc/self/fd/" + std::to_string(outside_fd), "proc_fd_link");
  for (Leaf l : {Leaf::file, Leaf::dir, Leaf::fresh, Leaf::link}) {
    std::string n = leaf_name(l);
    L("../outside/" + n, "rel_" + n);
    L(w.outside + "/" + n, "abs_" + n);
    L("rel_" + n, "chain_" + n);
    L("../../outside/" + n, "sub/deep_" + n);
  }
}

class SecurityBattery
    : public ::testing::TestWithParam<std::tuple<size_t, sandbox::Resolver>> {
 protected:
  void SetUp() override {
    sandbox::force_manual_resolver(std::get<1>(GetParam()) == sandbox::Resolver::manual);
  }
  void TearDown() override { sandbox::force_manual_resolver(false); }
};

TEST_P(SecurityBattery, EscapeFailsAndOutsideIsUntouched) {
  const Case& c = cases()[std::get<0>(GetParam())];
  Guest g;
  World w = build_world(g, nullptr);
  // /proc/self/cwd and /proc/self/fd/N lead outside too.
  ASSERT_EQ(chdir(w.outside.c_str()), 0);
  int outside_fd = open(w.outside.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(outside_fd, 0);
  populate_sandbox(w, outside_fd);
  // Re-open the preopen at its new place: the Guest's context holds the
  // directory itself (moved, still the same inode), so nothing to do.
  for (const char* rel : {"", "/secret.txt", "/dir", "/dir/inner.txt", "/outlink"}) set_old_times(w.outside + rel);
  set_old_times(w.top);

  const std::string guest_path = c.pattern.path(w, c.function.leaf);
  Snapshot before = snapshot(w.top, w.sandbox);
  Errno result = c.function.call(g, guest_path);
  Snapshot after = snapshot(w.top, w.sandbox);
  close(outside_fd);
  ASSERT_EQ(chdir("/"), 0);

  EXPECT_NE(result, Errno::success) << c.name << ": '" << guest_path << "' succeeded";
  std::string diff = describe_difference(before, after);
  EXPECT_TRUE(diff.empty()) << c.name << ": '" << guest_path << "' touched the outside:" << diff;
  // Nothing escaped into the sandbox either: no hard link or renamed file
  // there shares an inode with the canary.
  struct stat st {};
  EXPECT_NE(lstat((w.sandbox + "/stolen").c_str(), &st), 0) << c.name;

  std::error_code ec;
  fs::remove_all(w.top, ec);
}

std::string case_name(const ::testing::TestParamInfo<std::tuple<size_t, sandbox::Resolver>>& info) {
  return cases()[std::get<0>(info.param)].name + "__" +
         (std::get<1>(info.param) == sandbox::Resolver::manual ? "manual" : "openat2");
}

std::vector<size_t> case_indices() {
  std::vector<size_t> v(cases().size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

INSTANTIATE_TEST_SUITE_P(Escapes, SecurityBattery,
                         ::testing::Combine(::testing::ValuesIn(case_indices()),
                                            ::testing::Values(sandbox::Resolver::openat2,
                                                              sandbox::Resolver::manual)),
                         case_name);

// Controls: the battery would notice an escape. Each pattern, resolved
// naively by the kernel (plain openat from the sandbox, no confinement),
// really reaches the canary; and the snapshot sees a read, a creation and a
// change of times.
TEST(SecurityBatteryControls, PatternsReallyLeadOutsideWhenUnconfined) {
  Guest g;
  World w = build_world(g, nullptr);
  ASSERT_EQ(chdir(w.outside.c_str()), 0);
  int outside_fd = open(w.outside.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  populate_sandbox(w, outside_fd);
  struct stat secret {};
  ASSERT_EQ(stat((w.outside + "/secret.txt").c_str(), &secret), 0);
  int sandbox_fd = open(w.sandbox.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int reached = 0;
  for (const auto& p : patterns()) {
    std::string path = p.path(w, Leaf::file);
    int fd = openat(sandbox_fd, path.c_str(), O_RDONLY | O_CLOEXEC);
    if (std::string(p.name).find("loop") != std::string::npos) {
      EXPECT_LT(fd, 0) << p.name;
      EXPECT_EQ(errno, ELOOP) << p.name;
      continue;
    }
    if (std::string(p.name) == "dotdot") {  // "../secret.txt" names T/secret.txt, absent
      EXPECT_LT(fd, 0);
      continue;
    }
    ASSERT_GE(fd, 0) << p.name << " '" << path << "' does not reach the canary unconfined";
    struct stat st {};
    fstat(fd, &st);
    EXPECT_EQ(st.st_ino, secret.st_ino) << p.name;
    close(fd);
    ++reached;
  }
  EXPECT_GE(reached, 20);
  close(sandbox_fd);
  close(outside_fd);
  ASSERT_EQ(chdir("/"), 0);
  std::error_code ec;
  fs::remove_all(w.top, ec);
}

TEST(SecurityBatteryControls, SnapshotSeesReadsCreationsAndTimeChanges) {
  Guest g;
  World w = build_world(g, nullptr);
  for (const char* rel : {"", "/secret.txt", "/dir", "/dir/inner.txt", "/outlink"}) set_old_times(w.outside + rel);
  set_old_times(w.top);
  Snapshot a = snapshot(w.top, w.sandbox);
  EXPECT_EQ(describe_difference(a, snapshot(w.top, w.sandbox)), "");  // taking one changes nothing
  EXPECT_EQ(read_host_file(w.outside + "/secret.txt"), "SECRET");
  Snapshot b = snapshot(w.top, w.sandbox);
  EXPECT_NE(describe_difference(a, b).find("changed:/outside/secret.txt"), std::string::npos);
  write_host_file(w.outside + "/NEW", "");
  Snapshot c = snapshot(w.top, w.sandbox);
  EXPECT_NE(describe_difference(b, c).find("created:/outside/NEW"), std::string::npos);
  timespec ts[2] = {{5, 0}, {5, 0}};
  utimensat(AT_FDCWD, (w.outside + "/dir").c_str(), ts, 0);
  EXPECT_NE(describe_difference(c, snapshot(w.top, w.sandbox)).find("changed:/outside/dir"), std::string::npos);
  std::error_code ec;
  fs::remove_all(w.top, ec);
}

// The battery itself must be big enough to mean something.
TEST(SecurityBatteryShape, AtLeast200CasesCoveringEveryPathFunction) {
  EXPECT_GE(cases().size(), 200u);
  std::set<std::string> fns;
  for (const auto& c : cases()) {
    std::string n = c.function.name;
    for (const char* f : {"path_open", "path_filestat_get", "path_filestat_set_times", "path_create_directory",
                          "path_unlink_file", "path_remove_directory", "path_readlink", "path_symlink",
                          "path_link", "path_rename"})
      if (n.rfind(f, 0) == 0) fns.insert(f);
  }
  EXPECT_EQ(fns.size(), 10u);
}

}  // namespace
}  // namespace wasishim::testing
