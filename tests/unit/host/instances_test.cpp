// The embedding API: many isolated instances of one module in one process.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "wasishim/host.h"

#ifndef WASISHIM_REACTOR_WASM
#error "WASISHIM_REACTOR_WASM must name the compiled reactor.wat"
#endif

namespace wasishim {
namespace {

uint64_t one(const Outcome& o) {
  EXPECT_EQ(o.kind, Outcome::Kind::returned) << o.trap;
  return o.values.empty() ? ~0ull : o.values[0];
}

TEST(Instances, ThousandLiveIsolatedInstances) {
  Module module = Module::from_file(WASISHIM_REACTOR_WASM);
  EXPECT_TRUE(module.is_reactor());
  constexpr int kCount = 1000;
  std::vector<std::unique_ptr<Instance>> instances;
  instances.reserve(kCount);
  for (int i = 0; i < kCount; ++i) {
    InstanceOptions o;
    o.wasi.args = {"reactor", std::string(static_cast<size_t>(i % 50), 'x')};
    o.wasi.stdin_fd = -1;  // no stdin: keeps the host's descriptor count low
    instances.push_back(std::make_unique<Instance>(module, o));
    ASSERT_EQ(instances.back()->initialize().kind, Outcome::Kind::returned);
  }
  for (int i = 0; i < kCount; ++i) {
    uint64_t v = static_cast<uint64_t>(i) * 7919;
    ASSERT_EQ(instances[i]->invoke("store", std::vector<uint64_t>{v}).kind, Outcome::Kind::returned);
  }
  // Every instance kept its own memory, globals and arguments, all alive at
  // once.
  for (int i = 0; i < kCount; ++i) {
    EXPECT_EQ(one(instances[i]->invoke("load", {})), static_cast<uint32_t>(i * 7919)) << i;
    EXPECT_EQ(one(instances[i]->invoke("initialized", {})), 1u);
    EXPECT_EQ(one(instances[i]->invoke("argv_bytes", {})), 8u + static_cast<uint64_t>(i % 50) + 1) << i;
  }
  for (int round = 1; round <= 3; ++round) {
    for (int i = 0; i < kCount; i += 97) EXPECT_EQ(one(instances[i]->invoke("count", {})), static_cast<uint64_t>(round));
  }
  EXPECT_EQ(one(instances[1]->invoke("count", {})), 1u);  // untouched by the rounds above
  EXPECT_EQ(instances[0]->memory_size(), 65536u);
}

TEST(Instances, EachHasItsOwnDescriptorTableAndStdout) {
  Module module = Module::from_file(WASISHIM_REACTOR_WASM);
  int a[2], b[2];
  ASSERT_EQ(pipe(a), 0);
  ASSERT_EQ(pipe(b), 0);
  InstanceOptions oa, ob;
  oa.wasi.stdout_fd = a[1];
  ob.wasi.stdout_fd = b[1];
  Instance ia(module, oa), ib(module, ob);
  close(a[1]);
  close(b[1]);
  ia.invoke("store", std::vector<uint64_t>{0x41414141});  // "AAAA"
  ib.invoke("store", std::vector<uint64_t>{0x42424242});  // "BBBB"
  EXPECT_EQ(one(ia.invoke("emit", {})), 0u);
  EXPECT_EQ(one(ib.invoke("emit", {})), 0u);
  char buf[8] = {};
  ASSERT_EQ(read(a[0], buf, sizeof buf), 4);
  EXPECT_EQ(std::string(buf, 4), "AAAA");
  ASSERT_EQ(read(b[0], buf, sizeof buf), 4);
  EXPECT_EQ(std::string(buf, 4), "BBBB");
  close(a[0]);
  close(b[0]);
}

TEST(Instances, TrapInOneLeavesOthersWorking) {
  Module module = Module::from_file(WASISHIM_REACTOR_WASM);
  InstanceOptions o;
  Instance x(module, o), y(module, o);
  y.invoke("store", std::vector<uint64_t>{5});
  Outcome t = x.invoke("trap", {});
  EXPECT_EQ(t.kind, Outcome::Kind::trapped);
  EXPECT_NE(t.trap.find("unreachable"), std::string::npos) << t.trap;
  EXPECT_EQ(one(y.invoke("load", {})), 5u);
  EXPECT_EQ(one(x.invoke("count", {})), 1u);  // a trapped instance can still be called
}

TEST(Instances, MissingExportAndWrongArity) {
  Module module = Module::from_file(WASISHIM_REACTOR_WASM);
  InstanceOptions o;
  Instance x(module, o);
  EXPECT_THROW(x.invoke("nope", {}), HostError);
  EXPECT_THROW(x.invoke("store", {}), HostError);
  EXPECT_THROW(x.run_start(), HostError);  // a reactor is not a command
}

TEST(Instances, PolicyRefusesOrStubs) {
  Module module = Module::from_file(WASISHIM_REACTOR_WASM);
  InstanceOptions refuse;
  refuse.wasi.policy.deny = {"args-env"};
  try {
    Instance x(module, refuse);
    ADD_FAILURE() << "a denied import was instantiated";
  } catch (const HostError& e) {
    EXPECT_NE(std::string(e.what()).find("args_sizes_get"), std::string::npos) << e.what();
  }
  InstanceOptions stub = refuse;
  stub.wasi.policy.stub_denied = true;
  Instance y(module, stub);
  // argv_bytes reads what args_sizes_get wrote: nothing, since it was
  // stubbed; the stub's notcapable is what the guest saw.
  EXPECT_EQ(one(y.invoke("argv_bytes", {})), 0u);
  InstanceOptions bogus;
  bogus.wasi.policy.deny = {"no-such-group"};
  EXPECT_THROW(Instance(module, bogus), HostError);
}

}  // namespace
}  // namespace wasishim
