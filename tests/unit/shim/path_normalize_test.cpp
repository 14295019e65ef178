#include "path_normalize.h"

#include <gtest/gtest.h>

#include <string>

using wasishim::shim::normalize_path;
using wasishim::shim::path_within;
using wasishim::sys::errc;

namespace {

struct outcome {
  std::string path;
  bool must_be_dir;
};

outcome norm(const char* base, const char* path) {
  char out[256];
  auto r = normalize_path(base, path, out, sizeof out);
  EXPECT_TRUE(r.ok()) << base << " + " << path;
  if (!r) return {"<error>", false};
  EXPECT_EQ(r->length, std::string(out).size());
  return {out, r->must_be_dir};
}

TEST(PathNormalize, AbsolutePathsIgnoreTheBase) {
  EXPECT_EQ(norm("/cwd", "/a/b").path, "/a/b");
  EXPECT_EQ(norm("/cwd", "/").path, "/");
  EXPECT_EQ(norm("/cwd", "//a///b//").path, "/a/b");
}

TEST(PathNormalize, RelativePathsJoinTheBase) {
  EXPECT_EQ(norm("/cwd", "a").path, "/cwd/a");
  EXPECT_EQ(norm("/", "a/b").path, "/a/b");
  EXPECT_EQ(norm("/x/y", ".").path, "/x/y");
}

TEST(PathNormalize, DotDotPopsAndStopsAtRoot) {
  EXPECT_EQ(norm("/bin", "..").path, "/");  // never "/bin/.."
  EXPECT_EQ(norm("/a/b/c", "../../d").path, "/a/d");
  EXPECT_EQ(norm("/", "../../..").path, "/");
  EXPECT_EQ(norm("/a", "/../b").path, "/b");
  EXPECT_EQ(norm("/a", "b/./../c/.").path, "/a/c");
}

TEST(PathNormalize, DotFilesAreNames) {
  EXPECT_EQ(norm("/", ".hidden/..x/...").path, "/.hidden/..x/...");
}

TEST(PathNormalize, TrailingSlashOrDotDemandsADirectory) {
  EXPECT_TRUE(norm("/", "a/").must_be_dir);
  EXPECT_TRUE(norm("/", "a/.").must_be_dir);
  EXPECT_TRUE(norm("/", "a/..").must_be_dir);
  EXPECT_TRUE(norm("/x", ".").must_be_dir);
  EXPECT_FALSE(norm("/", "a").must_be_dir);
  EXPECT_FALSE(norm("/", "a/./b").must_be_dir);
  EXPECT_EQ(norm("/", "a/").path, "/a");
}

TEST(PathNormalize, Errors) {
  char out[8];
  EXPECT_EQ(normalize_path("/", "", out, sizeof out).error(), errc::noent);
  EXPECT_EQ(normalize_path("/", nullptr, out, sizeof out).error(), errc::noent);
  EXPECT_EQ(normalize_path("relative", "a", out, sizeof out).error(), errc::inval);
  EXPECT_EQ(normalize_path("/", "abcdefgh", out, sizeof out).error(), errc::nametoolong);
  // Exactly fitting: "/abcdef" plus NUL is 8 bytes.
  EXPECT_TRUE(normalize_path("/", "abcdef", out, sizeof out).ok());
  EXPECT_STREQ(out, "/abcdef");
  // Long input that shrinks back is fine.
  EXPECT_TRUE(normalize_path("/", "abc/../abc/../abc/../abc", out, sizeof out).ok());
  EXPECT_STREQ(out, "/abc");
}

TEST(PathWithin, ComponentBoundaries) {
  EXPECT_TRUE(path_within("/sandbox", "/sandbox"));
  EXPECT_TRUE(path_within("/sandbox/a", "/sandbox"));
  EXPECT_FALSE(path_within("/sandboxed", "/sandbox"));
  EXPECT_FALSE(path_within("/", "/sandbox"));
  EXPECT_TRUE(path_within("/anything", "/"));
  EXPECT_TRUE(path_within("/", "/"));
}

}  // namespace

namespace {
using wasishim::shim::last_component;
using wasishim::shim::last_component_of;

TEST(LastComponent, DotsAndNames) {
  EXPECT_EQ(last_component_of("."), last_component::dot);
  EXPECT_EQ(last_component_of("a/."), last_component::dot);
  EXPECT_EQ(last_component_of("a/./"), last_component::dot);
  EXPECT_EQ(last_component_of(".."), last_component::dotdot);
  EXPECT_EQ(last_component_of("/x/..//"), last_component::dotdot);
  EXPECT_EQ(last_component_of("a/.hidden"), last_component::name);
  EXPECT_EQ(last_component_of("a/..."), last_component::name);
  EXPECT_EQ(last_component_of("name/"), last_component::name);
  EXPECT_EQ(last_component_of("/"), last_component::name);
}
}  // namespace
