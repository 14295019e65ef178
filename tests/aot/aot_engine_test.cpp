// The AOT engine against the interpreter: the same module, the same calls,
// the same outcomes; plus what only the AOT engine has (cache, objects,
// fallback). Modules come from tests/aot/*.wat, assembled at build time.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "wasishim/host.h"

namespace wasishim {
namespace {

std::string module_path(const char* name) { return std::string(WASISHIM_AOT_TEST_DIR) + "/" + name; }

uint64_t f32_bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}
uint64_t f64_bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
double bits_f64(uint64_t b) {
  double d;
  std::memcpy(&d, &b, 8);
  return d;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') out.push_back(e->d_name);
    }
    closedir(d);
  }
  return out;
}

class AotEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/wasishim-aot-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    work_ = tmpl;
  }
  static void TearDownTestSuite() {
    std::string cmd = "rm -rf '" + work_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }

  void SetUp() override {
    out_path_ = work_ + "/stdout-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    out_fd_ = ::open(out_path_.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(out_fd_, 0);
  }
  void TearDown() override { ::close(out_fd_); }

  InstanceOptions options(Engine engine) {
    InstanceOptions o;
    o.engine = engine;
    o.wasi.args = {"engines"};
    o.wasi.stdout_fd = out_fd_;
    o.aot.cache_dir = work_ + "/cache";
    o.aot.log = [this](std::string_view line) { log_.emplace_back(line); };
    return o;
  }

  std::string guest_stdout() {
    std::ifstream in(out_path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  bool logged(std::string_view needle) const {
    for (const auto& l : log_) {
      if (l.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  static inline std::string work_;
  std::string out_path_;
  int out_fd_ = -1;
  std::vector<std::string> log_;
};

// Both engines over one module, each instance its own.
struct Pair {
  Pair(const Module& m, InstanceOptions interp_opts, InstanceOptions aot_opts)
      : interp(m, interp_opts), aot(m, aot_opts) {}
  Instance interp;
  Instance aot;
};

TEST_F(AotEngine, RunsCompiledCode) {
  Module m = Module::from_file(module_path("engines.wasm"));
  Instance i(m, options(Engine::aot));
  EXPECT_EQ(i.engine(), Engine::aot);
  Instance j(m, options(Engine::interpreter));
  EXPECT_EQ(j.engine(), Engine::interpreter);
}

TEST_F(AotEngine, ValuesOfEveryTypeAgree) {
  Module m = Module::from_file(module_path("engines.wasm"));
  Pair p(m, options(Engine::interpreter), options(Engine::aot));
  for (Instance* inst : {&p.interp, &p.aot}) {
    uint64_t args[] = {3, static_cast<uint64_t>(-5LL), f32_bits(1.5f), f64_bits(0.25)};
    Outcome r = inst->invoke("mix", args);
    ASSERT_EQ(r.kind, Outcome::Kind::returned) << r.trap;
    ASSERT_EQ(r.values.size(), 1u);
    EXPECT_EQ(bits_f64(r.values[0]), -0.25);

    uint64_t big[] = {0xfedcba9876543210ull};
    EXPECT_EQ(inst->invoke("i64_id", big).values, std::vector<uint64_t>{0xfedcba9876543210ull});

    uint64_t three[] = {f32_bits(3.0f)};
    EXPECT_EQ(inst->invoke("f32_half", three).values, std::vector<uint64_t>{f32_bits(1.5f)});

    uint64_t pair_arg[] = {21};
    EXPECT_EQ(inst->invoke("pair", pair_arg).values, (std::vector<uint64_t>{21, 42}));

    uint64_t neg[] = {static_cast<uint64_t>(-9LL) & 0xffffffffu, 2};
    Outcome d = inst->invoke("div", neg);
    ASSERT_EQ(d.values.size(), 1u);
    EXPECT_EQ(static_cast<int32_t>(d.values[0]), -4);
  }
}

TEST_F(AotEngine, InstancesAreIsolated) {
  Module m = Module::from_file(module_path("engines.wasm"));
  for (Engine e : {Engine::interpreter, Engine::aot}) {
    Instance a(m, options(e));
    Instance b(m, options(e));
    // bump: global counter + 1, then memory[0] + 10; returns their sum.
    EXPECT_EQ(a.invoke("bump", {}).values, std::vector<uint64_t>{11});
    EXPECT_EQ(a.invoke("bump", {}).values, std::vector<uint64_t>{22});
    EXPECT_EQ(b.invoke("bump", {}).values, std::vector<uint64_t>{11});
    uint64_t one[] = {1};
    EXPECT_EQ(a.invoke("grow", one).values, std::vector<uint64_t>{1});
    EXPECT_EQ(a.memory_size(), 2u * 65536);
    EXPECT_EQ(b.memory_size(), 65536u);
  }
}

TEST_F(AotEngine, MemoryGrowthStopsAtTheMaximum) {
  Module m = Module::from_file(module_path("engines.wasm"));
  Pair p(m, options(Engine::interpreter), options(Engine::aot));
  for (Instance* inst : {&p.interp, &p.aot}) {
    uint64_t three[] = {3}, one[] = {1};
    EXPECT_EQ(inst->invoke("grow", three).values, std::vector<uint64_t>{1});
    EXPECT_EQ(inst->invoke("grow", one).values, std::vector<uint64_t>{0xffffffffu});  // max is 4 pages
    EXPECT_EQ(inst->memory_size(), 4u * 65536);
    uint64_t last[] = {4 * 65536 - 4};
    EXPECT_EQ(inst->invoke("load", last).kind, Outcome::Kind::returned);
    uint64_t past[] = {4 * 65536 - 3};
    EXPECT_EQ(inst->invoke("load", past).kind, Outcome::Kind::trapped);
  }
}

TEST_F(AotEngine, TrapsAgree) {
  Module m = Module::from_file(module_path("engines.wasm"));
  Pair p(m, options(Engine::interpreter), options(Engine::aot));
  struct Case {
    const char* name;
    std::vector<uint64_t> args;
    const char* words;  // in both engines' trap message
  };
  const uint64_t nan = f32_bits(std::numeric_limits<float>::quiet_NaN());
  const std::vector<Case> cases = {
      {"div", {1, 0}, "integer divide by zero"},
      {"div", {0x80000000u, 0xffffffffu}, "integer overflow"},
      {"trunc", {nan}, "invalid conversion to integer"},
      {"unreach", {}, "unreachable"},
      {"load", {65535}, "out of bounds memory access"},
      {"load", {0xfffffff0u}, "out of bounds memory access"},
      {"indirect", {1, 5}, "table"},
      {"indirect", {7, 5}, "table"},
      {"deep", {}, "call stack exhausted"},
  };
  for (const Case& c : cases) {
    Outcome a = p.interp.invoke(c.name, c.args);
    Outcome b = p.aot.invoke(c.name, c.args);
    EXPECT_EQ(a.kind, Outcome::Kind::trapped) << c.name;
    EXPECT_EQ(b.kind, Outcome::Kind::trapped) << c.name;
    EXPECT_NE(a.trap.find(c.words), std::string::npos) << c.name << ": interpreter said " << a.trap;
    EXPECT_NE(b.trap.find(c.words), std::string::npos) << c.name << ": aot said " << b.trap;
    // A trap ends the call, not the instance.
    EXPECT_EQ(p.aot.invoke("size", {}).values, std::vector<uint64_t>{1}) << "after " << c.name;
  }
}

// Exception handling, as clang's setjmp/longjmp lowering uses it; each case is
// one that wabt 1.0.32's interpreter or wasm2c got wrong (tests/aot/exceptions.wat).
TEST_F(AotEngine, ExceptionsAgree) {
  Module m = Module::from_file(module_path("exceptions.wasm"));
  Pair p(m, options(Engine::interpreter), options(Engine::aot));
  struct Case {
    const char* name;
    std::vector<uint64_t> args;
    uint64_t result;
  };
  const std::vector<Case> cases = {
      {"catch_keeps_locals", {5}, 47}, {"local_set_in_try", {}, 1}, {"br_to_try", {1}, 0},
      {"br_to_try", {0}, 105},          {"leave_then_throw", {}, 7}, {"rethrow", {}, 1009},
  };
  for (Instance* inst : {&p.interp, &p.aot}) {
    const char* engine = inst == &p.interp ? "interpreter" : "aot";
    for (const Case& c : cases) {
      Outcome r = inst->invoke(c.name, c.args);
      ASSERT_EQ(r.kind, Outcome::Kind::returned) << engine << " " << c.name << ": " << r.trap;
      EXPECT_EQ(r.values, std::vector<uint64_t>{c.result}) << engine << " " << c.name;
    }
    // A trap inside a try block leaves no handler behind for the next call.
    EXPECT_EQ(inst->invoke("trap_in_try", {}).kind, Outcome::Kind::trapped) << engine;
    Outcome u = inst->invoke("uncaught", {});
    EXPECT_EQ(u.kind, Outcome::Kind::trapped) << engine;
    EXPECT_NE(u.trap.find("uncaught exception"), std::string::npos) << engine << ": " << u.trap;
  }
}

TEST_F(AotEngine, WasiCallsSeeGuestMemory) {
  Module m = Module::from_file(module_path("engines.wasm"));
  for (Engine e : {Engine::interpreter, Engine::aot}) {
    Instance inst(m, options(e));
    EXPECT_EQ(inst.invoke("say", {}).values, std::vector<uint64_t>{16});
    EXPECT_EQ(inst.invoke("bad_pointer", {}).values, std::vector<uint64_t>{21});  // EFAULT
  }
  EXPECT_EQ(guest_stdout(), "hello from wasm\nhello from wasm\n");
}

TEST_F(AotEngine, ProcExitStopsTheGuestWithItsStatus) {
  Module m = Module::from_file(module_path("engines.wasm"));
  for (Engine e : {Engine::interpreter, Engine::aot}) {
    Instance inst(m, options(e));
    uint64_t seven[] = {7};
    Outcome r = inst.invoke("exit", seven);
    EXPECT_EQ(r.kind, Outcome::Kind::exited);
    EXPECT_EQ(r.exit_code, 7u);
    Instance again(m, options(e));
    Outcome s = again.run_start();
    EXPECT_EQ(s.kind, Outcome::Kind::exited);
    EXPECT_EQ(s.exit_code, 0u);
  }
}

TEST_F(AotEngine, SecondModuleHitsTheCache) {
  {
    Module m = Module::from_file(module_path("engines.wasm"));
    Instance inst(m, options(Engine::aot));
  }
  auto before = files_in(work_ + "/cache");
  ASSERT_FALSE(before.empty());
  log_.clear();
  Module fresh = Module::from_file(module_path("engines.wasm"));
  Instance inst(fresh, options(Engine::aot));
  EXPECT_TRUE(logged("cache hit")) << "log: " << (log_.empty() ? "(empty)" : log_.front());
  EXPECT_FALSE(logged("compiling"));
  EXPECT_EQ(files_in(work_ + "/cache"), before);
}

TEST_F(AotEngine, ModulesWasm2cCannotTranslate) {
  Module m = Module::from_file(module_path("simd.wasm"));
  try {
    Instance inst(m, options(Engine::aot));
    ADD_FAILURE() << "a SIMD module compiled";
  } catch (const AotError& e) {
    EXPECT_NE(std::string(e.what()).find("SIMD"), std::string::npos) << e.what();
  }
  log_.clear();
  Instance fallback(m, options(Engine::automatic));
  EXPECT_EQ(fallback.engine(), Engine::interpreter);
  EXPECT_TRUE(logged("note: running in the interpreter"));
  EXPECT_EQ(fallback.run_start().kind, Outcome::Kind::exited);
}

TEST_F(AotEngine, CompiledObjectIsSelfContained) {
  Module m = Module::from_file(module_path("engines.wasm"));
  std::string object = work_ + "/engines.aot";
  compile_aot(m, object, options(Engine::aot).aot);
  EXPECT_TRUE(is_aot_object(object));
  EXPECT_FALSE(is_aot_object(module_path("engines.wasm")));
  Module loaded = module_from_aot(object);
  ASSERT_EQ(loaded.exports().size(), m.exports().size());
  auto opts = options(Engine::aot);
  opts.aot.object_path = object;
  opts.aot.cache_dir = work_ + "/unused-cache";
  Instance inst(loaded, opts);
  EXPECT_EQ(inst.invoke("bump", {}).values, std::vector<uint64_t>{11});
  EXPECT_TRUE(files_in(work_ + "/unused-cache").empty());

  // An object is tied to its module.
  Module other = Module::from_file(module_path("simd.wasm"));
  EXPECT_THROW(Instance(other, opts), AotError);
}

// The default engine of `wasishim run`: with nothing cached it compiles the
// quick tier at once; once the optimized object is there, it takes that.
TEST_F(AotEngine, TieredTakesTheQuickTierThenTheOptimizedOne) {
  auto opts = options(Engine::tiered);
  opts.aot.cache_dir = work_ + "/tiered-cache";
  Module m = Module::from_file(module_path("engines.wasm"));
  {
    Instance inst(m, opts);
    EXPECT_EQ(inst.engine(), Engine::aot);
    EXPECT_TRUE(logged("(quick)")) << "no quick compile logged";
    EXPECT_EQ(inst.invoke("bump", {}).values, std::vector<uint64_t>{11});
  }
  auto entries = aot_cache_list(opts.aot);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].tier, "quick");
  EXPECT_TRUE(entries[0].valid);
  // No background compiler configured: the optimized tier comes from an
  // explicit compile into the same cache.
  {
    auto aot = opts;
    aot.engine = Engine::aot;
    Module again = Module::from_file(module_path("engines.wasm"));
    Instance compile(again, aot);
  }
  log_.clear();
  Module later = Module::from_file(module_path("engines.wasm"));
  Instance inst(later, opts);
  EXPECT_TRUE(logged("cache hit")) << "log: " << (log_.empty() ? "(empty)" : log_.front());
  EXPECT_FALSE(logged("quick"));
  EXPECT_EQ(inst.invoke("bump", {}).values, std::vector<uint64_t>{11});
}

// Traps name the guest function, as the interpreter's do. The quick tier
// never inlines, so it names the trapping function itself; the optimized
// tier may have inlined it into its caller, which it then names.
TEST_F(AotEngine, TrapsNameTheGuestFunction) {
  Module m = Module::from_file(module_path("traps.wasm"));
  auto quick = options(Engine::tiered);
  quick.aot.cache_dir = work_ + "/traps-cache";
  struct Case {
    const char* export_name;
    std::vector<uint64_t> args;
    const char* function;
    const char* caller;
  };
  const std::vector<Case> cases = {{"boom", {0}, "explode", "boom"},
                                   {"read_far", {0xfffffff0u}, "reader", "read_far"},
                                   {"divide", {1, 0}, "divider", "divide"}};
  Instance interp(m, options(Engine::interpreter));
  Instance fast(m, quick);
  Instance optimized(m, options(Engine::aot));
  for (const Case& c : cases) {
    Outcome i = interp.invoke(c.export_name, c.args);
    Outcome q = fast.invoke(c.export_name, c.args);
    Outcome o = optimized.invoke(c.export_name, c.args);
    ASSERT_EQ(i.kind, Outcome::Kind::trapped);
    ASSERT_EQ(q.kind, Outcome::Kind::trapped);
    ASSERT_EQ(o.kind, Outcome::Kind::trapped);
    EXPECT_EQ(i.function, c.function);
    EXPECT_EQ(q.function, c.function) << c.export_name << " (quick tier): " << q.trap;
    EXPECT_TRUE(o.function == c.function || o.function == c.caller)
        << c.export_name << " (optimized tier) named '" << o.function << "'";
  }
}

// Compiled code calls WASI functions directly, unless the instance was made
// with --trace, a policy stub or crash testing: then through the dispatch
// layer, which logs and stubs exactly as for the interpreter.
TEST_F(AotEngine, TraceAndPolicyStubsApplyToCompiledCode) {
  Module m = Module::from_file(module_path("engines.wasm"));
  std::string texts[2];
  int k = 0;
  for (Engine e : {Engine::interpreter, Engine::aot}) {
    char* buf = nullptr;
    size_t len = 0;
    FILE* trace = open_memstream(&buf, &len);
    auto opts = options(e);
    opts.wasi.trace = trace;
    {
      Instance inst(m, opts);
      EXPECT_EQ(inst.invoke("say", {}).values, std::vector<uint64_t>{16});
    }
    fclose(trace);
    texts[k++] = std::string(buf, len);
    free(buf);
    auto denied = options(e);
    denied.wasi.policy.deny = {"fd_write"};
    denied.wasi.policy.stub_denied = true;
    Instance stubbed(m, denied);
    EXPECT_EQ(stubbed.invoke("bad_pointer", {}).values, std::vector<uint64_t>{76});  // notcapable
    EXPECT_EQ(stubbed.io_stats().wasi_calls, 1u);
  }
  EXPECT_NE(texts[0].find("fd_write(fd=1"), std::string::npos) << texts[0];
  EXPECT_EQ(texts[0], texts[1]);
}

// Each instance reserves 8 GiB of address space for its memory; 20,000
// instances in turn would exhaust the 128 TiB user address space if freeing
// an instance did not release all of it.
TEST_F(AotEngine, FreeingAnInstanceReleasesItsMemory) {
  Module m = Module::from_file(module_path("engines.wasm"));
  for (int i = 0; i < 20000; ++i) {
    Instance inst(m, options(Engine::aot));
    if (i % 5000 == 0) EXPECT_EQ(inst.invoke("bump", {}).values, std::vector<uint64_t>{11});
  }
}

}  // namespace
}  // namespace wasishim
