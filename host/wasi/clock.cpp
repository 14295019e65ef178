// clock_res_get and clock_time_get, on the host clock of the same meaning.
#include <time.h>

#include <cerrno>

#include "wasi/context.h"
#include "wasi/errno_map.h"

namespace wasishim {

using wasi::Errno;

namespace {

bool host_clock(uint32_t id, clockid_t& out) {
  switch (static_cast<wasi::Clockid>(id)) {
    case wasi::Clockid::realtime: out = CLOCK_REALTIME; return true;
    case wasi::Clockid::monotonic: out = CLOCK_MONOTONIC; return true;
    case wasi::Clockid::process_cputime_id: out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case wasi::Clockid::thread_cputime_id: out = CLOCK_THREAD_CPUTIME_ID; return true;
  }
  return false;
}

uint64_t to_ns(const timespec& ts) {
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

Errno WasiContext::clock_res_get(M& mem, u32 id, u32 res_out) {
  clockid_t clk;
  if (!host_clock(id, clk)) return Errno::inval;
  timespec ts{};
  if (clock_getres(clk, &ts) != 0) return wasi::from_host_errno(errno);
  return mem.store<uint64_t>(res_out, to_ns(ts)) ? Errno::success : Errno::fault;
}

Errno WasiContext::clock_time_get(M& mem, u32 id, u64 /*precision*/, u32 time_out) {
  clockid_t clk;
  if (!host_clock(id, clk)) return Errno::inval;
  timespec ts{};
  if (clock_gettime(clk, &ts) != 0) return wasi::from_host_errno(errno);
  return mem.store<uint64_t>(time_out, to_ns(ts)) ? Errno::success : Errno::fault;
}

}  // namespace wasishim
