// The host's call of the guest's mapping flush after the guest stops
// (engine/guest_flush.h), over a fake Runtime: what each answer of the
// guest becomes, the re-entry guard and the time bound.
#include "engine/guest_flush.h"

#include <gtest/gtest.h>

#include <functional>

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

}  // namespace
}  // namespace wasishim::engine
