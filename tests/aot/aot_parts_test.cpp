// The AOT engine's parts on their own: SHA-256 on both paths, the module
// layout reader, the split of wasm2c's output, and the object cache (its
// directory checks, object records, eviction, locks and module-hash records).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "engine/aot_cache.h"
#include "engine/aot_sha256.h"
#include "engine/aot_split.h"
#include "engine/module_info.h"

namespace wasishim::aot {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::string s = read_text(path);
  return std::vector<uint8_t>(s.begin(), s.end());
}

std::string sha(const std::string& data) {
  Sha256 h;
  h.update(data);
  return h.hex_digest();
}

// FIPS 180-4 examples.
TEST(AotSha256, KnownDigests) {
  for (bool portable : {false, true}) {
    Sha256::force_portable(portable);
    EXPECT_EQ(sha(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
  Sha256::force_portable(false);
}

// The SHA instructions, where the CPU has them, agree with the portable code
// at every length around the block boundaries, fed in any pieces.
TEST(AotSha256, AcceleratedAgreesWithPortable) {
  std::mt19937 rng(7);
  std::string data(70000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t n : {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4095, 65537, 70000}) {
    std::string piece = data.substr(0, n);
    Sha256::force_portable(true);
    std::string want = sha(piece);
    Sha256::force_portable(false);
    EXPECT_EQ(sha(piece), want) << n;
    Sha256 split;
    for (size_t at = 0; at < n; at += 37) split.update(piece.substr(at, 37));
    EXPECT_EQ(split.hex_digest(), want) << n << " in pieces";
  }
  std::printf("SHA instructions %s\n", Sha256::accelerated() ? "used" : "not available: portable code only");
}

TEST(ModuleLayout, ReadsImportsExportsAndTheirTypes) {
  ModuleLayout layout;
  std::string error;
  ASSERT_TRUE(read_layout(read_bytes(WASISHIM_AOT_TEST_DIR "/engines.wasm"), &layout, &error)) << error;
  ASSERT_EQ(layout.imports.size(), 2u);
  EXPECT_EQ(layout.imports[0].module, "wasi_snapshot_preview1");
  EXPECT_EQ(layout.imports[0].name, "fd_write");
  EXPECT_EQ(layout.imports[0].params, "iiii");
  EXPECT_EQ(layout.imports[0].results, "i");
  EXPECT_EQ(layout.imports[1].name, "proc_exit");
  EXPECT_EQ(layout.imported_functions, 2u);
  bool saw_mix = false, saw_memory = false, saw_pair = false;
  for (const auto& e : layout.exports) {
    if (e.name == "mix") {
      saw_mix = true;
      EXPECT_EQ(e.kind, "func");
      EXPECT_EQ(e.params, "iIfF");
      EXPECT_EQ(e.results, "F");
    }
    if (e.name == "pair") {
      saw_pair = true;
      EXPECT_EQ(e.results, "iI");
    }
    if (e.name == "memory") saw_memory = e.kind == "memory";
  }
  EXPECT_TRUE(saw_mix && saw_memory && saw_pair);
}

TEST(ModuleLayout, RefusesTruncatedModules) {
  auto bytes = read_bytes(WASISHIM_AOT_TEST_DIR "/engines.wasm");
  ModuleLayout layout;
  std::string error;
  for (size_t cut : {bytes.size() / 2, bytes.size() - 1, size_t{12}}) {
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + static_cast<long>(cut));
    EXPECT_FALSE(read_layout(truncated, &layout, &error)) << cut;
    EXPECT_FALSE(error.empty());
  }
  EXPECT_FALSE(read_layout(std::vector<uint8_t>{0, 'a', 's', 'm', 2, 0, 0, 0}, &layout, &error));
}

// wasm2c's real output for engines.wasm (made at build time), split in parts.
TEST(AotSplit, EveryFunctionLandsInExactlyOnePart) {
  const std::string c = read_text(WASISHIM_AOT_TEST_DIR "/engines_wasm2c.c");
  ASSERT_FALSE(c.empty());
  ModuleLayout layout;
  std::string error;
  ASSERT_TRUE(read_layout(read_bytes(WASISHIM_AOT_TEST_DIR "/engines.wasm"), &layout, &error));
  for (size_t parts : {1, 2, 3, 50}) {
    auto split = split_wasm2c_output(c, parts);
    ASSERT_TRUE(split) << parts;
    EXPECT_LE(split->parts.size(), parts);
    EXPECT_GE(split->parts.size(), 1u);
    // Every function wasm2c declared, in order: the module's own functions
    // (plus wasm2c's export wrappers, declared last).
    EXPECT_GE(split->function_symbols.size(), layout.defined_functions);
    EXPECT_EQ(split->function_symbols, declared_functions(c));
    for (const auto& symbol : split->function_symbols) {
      size_t defined = 0;
      for (const auto& part : split->parts) {
        for (size_t at = part.find(symbol + "("); at != std::string::npos; at = part.find(symbol + "(", at + 1)) {
          // A definition starts its line; calls are indented.
          size_t line = part.rfind('\n', at);
          std::string head = part.substr(line == std::string::npos ? 0 : line + 1, at - (line == std::string::npos ? 0 : line + 1));
          if (!head.empty() && head[0] != ' ' && part.find(") {", at) < part.find('\n', at)) ++defined;
        }
      }
      EXPECT_EQ(defined, 1u) << symbol << " with " << parts << " parts";
      EXPECT_NE(split->shared.find(symbol + "("), std::string::npos) << symbol << " not declared for the parts";
      EXPECT_EQ(split->main.find("static " + std::string("u32 ") + symbol + "("), std::string::npos);
    }
    // Functions stay out of the main unit, set-up and tail stay in it.
    EXPECT_NE(split->main.find("_instantiate("), std::string::npos);
    EXPECT_NE(split->main.find("init_memories"), std::string::npos);
    EXPECT_NE(split->shared.find("extern u32 func_types["), std::string::npos);
  }
}

TEST(AotSplit, TextOfAnotherShapeIsNotSplit) {
  EXPECT_FALSE(split_wasm2c_output("int main(void) { return 0; }\n", 2));
  const std::string c = read_text(WASISHIM_AOT_TEST_DIR "/engines_wasm2c.c");
  // A top-level line inside a function body: not wasm2c 1.0.32's shape.
  std::string odd = c;
  size_t body = odd.find("FUNC_PROLOGUE;", odd.find("\nstatic bool s_module_initialized"));
  ASSERT_NE(body, std::string::npos);
  odd.insert(odd.find('\n', body) + 1, "#if 1\n#endif\n");
  EXPECT_FALSE(split_wasm2c_output(odd, 2));
}

class AotCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wasishim-cache-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::string cmd = "chmod -R u+rwx '" + root_ + "' 2>/dev/null; rm -rf '" + root_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }

  // A file standing in for a shared object, sealed with a record.
  std::string make_object(const std::string& dir, const std::string& name, const std::string& key,
                          size_t size = 1000) {
    std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << std::string(size, 'x') << key;
    ObjectRecord r;
    r.key = key;
    r.tier = "quick";
    seal_object(path, r);
    return path;
  }

  std::string root_;
};

TEST_F(AotCacheTest, CreatesThePrivateDirectoryAndItsParents) {
  std::string path = root_ + "/a/b/cache";
  Cache cache(path);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  ASSERT_EQ(stat((root_ + "/a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u) << "a parent it created is open to others";
}

TEST_F(AotCacheTest, RefusesADirectoryOthersCanWrite) {
  for (mode_t mode : {0777, 0770, 0702}) {
    std::string path = root_ + "/open" + std::to_string(mode);
    ASSERT_EQ(mkdir(path.c_str(), 0700), 0);
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
    try {
      Cache cache(path);
      ADD_FAILURE() << "accepted a cache directory with mode " << std::oct << mode;
    } catch (const AotError& e) {
      EXPECT_NE(std::string(e.what()).find("other users can write to it"), std::string::npos) << e.what();
    }
  }
}

TEST_F(AotCacheTest, RefusesADirectoryOwnedBySomeoneElse) {
  std::string path;
  if (geteuid() == 0) {
    path = root_ + "/theirs";
    ASSERT_EQ(mkdir(path.c_str(), 0700), 0);
    ASSERT_EQ(chown(path.c_str(), 65534, 65534), 0);
  } else {
    path = "/";  // root's, and not writable by others
  }
  try {
    Cache cache(path);
    ADD_FAILURE() << "accepted " << path << ", which this user does not own";
  } catch (const AotError& e) {
    EXPECT_NE(std::string(e.what()).find("owned by uid"), std::string::npos) << e.what();
  }
}

TEST_F(AotCacheTest, NoSharedFallbackWithoutAnEnvironment) {
  const char* keep[] = {"WASISHIM_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
  std::vector<std::pair<std::string, std::string>> saved;
  for (const char* k : keep) {
    if (const char* v = getenv(k)) saved.emplace_back(k, v);
    unsetenv(k);
  }
  std::string dir = cache_dir_path(AotOptions{});
  for (auto& [k, v] : saved) setenv(k.c_str(), v.c_str(), 1);
  EXPECT_EQ(dir.find("/tmp"), std::string::npos) << dir;
  if (!dir.empty()) {
    EXPECT_EQ(dir.substr(dir.size() - 16), "/.cache/wasishim") << dir;
    EXPECT_EQ(dir[0], '/');
  }
}

TEST_F(AotCacheTest, ObjectsAreCheckedAgainstTheirRecord) {
  std::string key = std::string(64, 'a') + "-0123456789abcdef";
  std::string path = make_object(root_, "obj", key);
  std::string why;
  auto good = open_verified(-1, path, &why);
  ASSERT_TRUE(good) << why;
  EXPECT_EQ(good->record.key, key);
  EXPECT_EQ(good->record.tier, "quick");
  EXPECT_EQ(good->record.elf_size, 1000u + key.size());
  EXPECT_TRUE(has_object_record(path));

  // One byte of the object changed: refused.
  {
    int fd = open(path.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(pwrite(fd, "y", 1, 500), 1);
    close(fd);
  }
  EXPECT_FALSE(open_verified(-1, path, &why));
  EXPECT_NE(why.find("do not match"), std::string::npos) << why;

  // Truncated, or no record at all: refused.
  std::string cut = make_object(root_, "cut", key);
  ASSERT_EQ(truncate(cut.c_str(), 900), 0);
  EXPECT_FALSE(open_verified(-1, cut, &why));
  std::ofstream(root_ + "/plain") << std::string(2000, 'z');
  EXPECT_FALSE(open_verified(-1, root_ + "/plain", &why));
  EXPECT_FALSE(has_object_record(root_ + "/plain"));
}

TEST_F(AotCacheTest, FindChecksRemovesDamageAndMarksUse) {
  Cache cache(root_ + "/c");
  std::string key = std::string(64, 'b') + "-0123456789abcdef";
  std::string work = cache.make_work_dir();
  cache.store(make_object(work, "o", key), key, 1ull << 30);
  auto found = cache.find(key);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->record.key, key);
  // An object under another key's name is not taken for it.
  std::string other = std::string(64, 'c') + "-0123456789abcdef";
  ASSERT_EQ(rename((root_ + "/c/" + key + ".aot").c_str(), (root_ + "/c/" + other + ".aot").c_str()), 0);
  std::string why;
  EXPECT_FALSE(cache.find(other, &why));
  EXPECT_NE(why.find("another module"), std::string::npos) << why;
  EXPECT_NE(access((root_ + "/c/" + other + ".aot").c_str(), F_OK), 0) << "the useless object was kept";
}

TEST_F(AotCacheTest, EvictsTheLeastRecentlyUsed) {
  Cache cache(root_ + "/c");
  std::vector<std::string> keys;
  for (int i = 0; i < 4; ++i) {
    keys.push_back(std::string(64, static_cast<char>('d' + i)) + "-0123456789abcdef");
    std::string work = cache.make_work_dir();
    cache.store(make_object(work, "o", keys.back(), 10000), keys.back(), 1ull << 30);
    // Distinct use times, oldest first; then key 0 is used again.
    struct timespec t[2] = {{0, UTIME_OMIT}, {1000000 + i * 10, 0}};
    ASSERT_EQ(utimensat(AT_FDCWD, (root_ + "/c/" + keys.back() + ".aot").c_str(), t, 0), 0);
  }
  ASSERT_TRUE(cache.find(keys[0]));  // now the most recent
  uint64_t one = 0;
  for (const auto& e : cache.list(true)) {
    one = std::max(one, e.bytes);
    EXPECT_TRUE(e.valid) << e.file;
  }
  cache.evict(2 * one);
  auto left = cache.list(false);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].file, keys[0] + ".aot");
  EXPECT_EQ(left[1].file, keys[3] + ".aot");
}

TEST_F(AotCacheTest, LocksExcludeEachOther) {
  Cache cache(root_ + "/c");
  const std::string key = "k";
  int held = cache.lock(key, true);
  ASSERT_GE(held, 0);
  EXPECT_EQ(cache.lock(key, false), -1) << "a second holder got the lock";
  Cache::unlock(held);
  int again = cache.lock(key, false);
  EXPECT_GE(again, 0);
  Cache::unlock(again);
}

TEST_F(AotCacheTest, ModuleHashRecordsFollowTheFile) {
  Cache cache(root_ + "/c");
  std::string file = root_ + "/m.wasm";
  std::ofstream(file) << "module bytes";
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  FileIdentity id = identity_of(st);
  EXPECT_FALSE(cache.module_hash(id));
  cache.remember_module_hash(id, std::string(64, 'e'));
  EXPECT_EQ(cache.module_hash(id), std::string(64, 'e'));
  // Rewritten (same size): its ctime moves, the record no longer applies.
  usleep(20000);
  std::ofstream(file) << "module BYTES";
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_FALSE(cache.module_hash(identity_of(st)));
}

TEST_F(AotCacheTest, CleanRemovesEverything) {
  Cache cache(root_ + "/c");
  std::string key = std::string(64, 'f') + "-0123456789abcdef";
  cache.store(make_object(cache.make_work_dir(), "o", key), key, 1ull << 30);
  Cache::unlock(cache.lock(key, true));
  EXPECT_GT(cache.clean(), 1000u);
  EXPECT_TRUE(cache.list(false).empty());
  EXPECT_NE(access((root_ + "/c/locks").c_str(), F_OK), 0);
  EXPECT_NE(access((root_ + "/c/work").c_str(), F_OK), 0);
}

}  // namespace
}  // namespace wasishim::aot
