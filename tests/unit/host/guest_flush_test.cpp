// The host's call of the guest's mapping flush after the guest stops
// (engine/guest_flush.h), over a fake Runtime: what each answer of the
// guest becomes, the re-entry guard and the time bound.
#include "engine/guest_flush.h"
#include "engine/module_info.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace wasishim::engine {
namespace {

class FakeRuntime : public Runtime {
 public:
  std::function<CallResult()> body;
  int calls = 0;
  std::string last_name;
  CallResult call(const std::string& name, const std::vector<uint64_t>&) override {
    ++calls;
    last_name = name;
    return body();
  }
  uint64_t memory_size() const override { return 0; }
};

CallResult returned(uint64_t value) {
  CallResult r;
  r.values = {value};
  return r;
}

TEST(GuestFlush, NothingToReportWhenTheGuestWroteEverything) {
  FakeRuntime rt;
  rt.body = [] { return returned(0); };
  GuestFlush flush;
  auto r = flush.run(rt);
  EXPECT_EQ(rt.calls, 1);
  EXPECT_EQ(rt.last_name, kGuestFlushExport);
  EXPECT_FALSE(r.write_failed);
  EXPECT_TRUE(r.problem.empty());
}

TEST(GuestFlush, AnErrnoIsAFailedWriteTheGuestReported) {
  FakeRuntime rt;
  rt.body = [] { return returned(51); };  // WASI nospc
  auto r = GuestFlush().run(rt);
  EXPECT_TRUE(r.write_failed);
  EXPECT_TRUE(r.problem.empty());
}

TEST(GuestFlush, BusyMeansTheGuestStoppedInsideMmapEmu) {
  FakeRuntime rt;
  rt.body = [] { return returned(10); };  // WASI busy
  auto r = GuestFlush().run(rt);
  EXPECT_FALSE(r.write_failed);
  EXPECT_NE(r.problem.find("inside mmap-emu"), std::string::npos) << r.problem;
}

TEST(GuestFlush, ATrapInsideTheFlushIsReportedAndNotRetried) {
  FakeRuntime rt;
  GuestFlush flush;
  rt.body = [&] {
    // Whatever the guest does, a flush cannot start a flush.
    EXPECT_TRUE(flush.run(rt).problem.empty());
    CallResult r;
    r.kind = CallResult::Kind::trapped;
    r.trap = "out of bounds memory access";
    return r;
  };
  auto r = flush.run(rt);
  EXPECT_EQ(rt.calls, 1);
  EXPECT_NE(r.problem.find("out of bounds memory access"), std::string::npos) << r.problem;
}

TEST(GuestFlush, AFlushOverItsBudgetIsStoppedAtItsNextWasiCall) {
  FakeRuntime rt;
  GuestFlush flush(std::chrono::milliseconds(20));
  long wasi_calls = 0;
  rt.body = [&] {
    // A guest that keeps calling the host: the host's import handler asks
    // may_continue() first, and stops the guest once it says no.
    while (flush.may_continue()) ++wasi_calls;
    CallResult r;
    r.kind = CallResult::Kind::stopped;
    return r;
  };
  auto r = flush.run(rt);
  EXPECT_GT(wasi_calls, 0);
  EXPECT_NE(r.problem.find("was stopped"), std::string::npos) << r.problem;
  EXPECT_TRUE(flush.may_continue());  // outside a flush, the guest runs freely
}

// Modules for is_command_export_wrapper, assembled by hand: one import
// (wasi proc_exit, so that function indices start at 1), defined functions
// with the given types and bodies, and the export "f" naming function `f`.
struct Func {
  uint8_t type;                // 0: () -> (), 1: () -> i32, 2: (i32, i32) -> i32
  std::vector<uint8_t> body;   // locals and code, without the size
};

void section(std::vector<uint8_t>& out, uint8_t id, const std::vector<uint8_t>& body) {
  out.push_back(id);
  out.push_back(static_cast<uint8_t>(body.size()));  // all bodies here stay below 128 bytes
  out.insert(out.end(), body.begin(), body.end());
}

std::vector<uint8_t> module_with(const std::vector<Func>& funcs, uint8_t exported) {
  std::vector<uint8_t> m = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(m, 1, {3, 0x60, 0, 0, 0x60, 0, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, });
  std::vector<uint8_t> imp = {1, 4, 'w', 'a', 's', 'i', 1, 'x', 0, 0};
  section(m, 2, imp);
  std::vector<uint8_t> fs = {static_cast<uint8_t>(funcs.size())};
  for (const Func& f : funcs) fs.push_back(f.type);
  section(m, 3, fs);
  section(m, 7, {1, 1, 'f', 0, exported});
  std::vector<uint8_t> code = {static_cast<uint8_t>(funcs.size())};
  for (const Func& f : funcs) {
    code.push_back(static_cast<uint8_t>(f.body.size()));
    code.insert(code.end(), f.body.begin(), f.body.end());
  }
  section(m, 10, code);
  return m;
}

bool wrapped(const std::vector<uint8_t>& m) {
  ModuleLayout layout;
  std::string error;
  EXPECT_TRUE(read_layout(m, &layout, &error)) << error;
  return is_command_export_wrapper(m, layout, "f");
}

// Function 1: ctors, 2: dtors, 3: the wrapped function, 4: the candidate.
const Func kCtors{0, {0, 0x0b}};
const Func kDtors{0, {0, 0x0b}};
const Func kTarget{1, {0, 0x41, 7, 0x0b}};

TEST(CommandExportWrapper, TheWrapperWasmLdMakesIsRecognised) {
  // call ctors; call F; call dtors; end
  EXPECT_TRUE(wrapped(module_with({kCtors, kDtors, kTarget, {1, {0, 0x10, 1, 0x10, 3, 0x10, 2, 0x0b}}}, 4)));
}

TEST(CommandExportWrapper, ParametersArePassedOnInOrder) {
  const Func target{2, {0, 0x20, 0, 0x0b}};
  EXPECT_TRUE(wrapped(module_with(
      {kCtors, kDtors, target, {2, {0, 0x10, 1, 0x20, 0, 0x20, 1, 0x10, 3, 0x10, 2, 0x0b}}}, 4)));
  EXPECT_FALSE(wrapped(module_with(
      {kCtors, kDtors, target, {2, {0, 0x10, 1, 0x20, 1, 0x20, 0, 0x10, 3, 0x10, 2, 0x0b}}}, 4)));
}

TEST(CommandExportWrapper, OrdinaryFunctionsAreNot) {
  // The function itself.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget}, 3)));
  // Two calls only.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget, {1, {0, 0x10, 1, 0x10, 3, 0x0b}}}, 4)));
  // A local.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget, {1, {1, 1, 0x7f, 0x10, 1, 0x10, 3, 0x10, 2, 0x0b}}}, 4)));
  // More code after the third call.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget, {1, {0, 0x10, 1, 0x10, 3, 0x10, 2, 0x1a, 0x41, 1, 0x0b}}}, 4)));
  // The same function called around the middle one is no wrapper pair.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget, {1, {0, 0x10, 3, 0x10, 3, 0x10, 2, 0x0b}}}, 4)));
  // An imported function cannot be a wrapper.
  EXPECT_FALSE(wrapped(module_with({kCtors, kDtors, kTarget}, 0)));
}

}  // namespace
}  // namespace wasishim::engine
