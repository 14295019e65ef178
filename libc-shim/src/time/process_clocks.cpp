// Process CPU time: clock, times, getrusage. They read the host's
// process CPU-time clock (clock_time_get of process_cputime_id), which
// wasishim's host and Node's WASI report as the CPU time of the process that
// runs the instance; all of it counts as user time. getrusage also reports
// the linear memory as the maximum resident set. docs/porting.md.
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

constexpr uint64_t ns_per_s = 1000000000u;

result<uint64_t> cpu_ns() { return sys::clock_time_get(sys::clockid::process_cputime_id, 1); }

struct timeval to_timeval(uint64_t ns) {
  struct timeval tv;
  tv.tv_sec = static_cast<time_t>(ns / ns_per_s);
  tv.tv_usec = static_cast<suseconds_t>(ns % ns_per_s / 1000);
  return tv;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

clock_t clock(void) {
  auto t = cpu_ns();
  if (!t) return static_cast<clock_t>(-1);
  return static_cast<clock_t>(*t / (ns_per_s / CLOCKS_PER_SEC));
}

clock_t times(struct tms* out) {
  auto t = cpu_ns();
  if (!t) return static_cast<clock_t>(fail(t.error()));
  auto now = sys::clock_time_get(sys::clockid::monotonic, 1);
  if (!now) return static_cast<clock_t>(fail(now.error()));
  const uint64_t ns_per_tick = ns_per_s / static_cast<uint64_t>(sysconf(_SC_CLK_TCK));
  out->tms_utime = static_cast<clock_t>(*t / ns_per_tick);
  out->tms_stime = 0;
  out->tms_cutime = 0;
  out->tms_cstime = 0;
  // Elapsed time from an arbitrary point: the monotonic clock's origin.
  return static_cast<clock_t>(*now / ns_per_tick);
}

int getrusage(int who, struct rusage* usage) {
  if (who != RUSAGE_SELF && who != RUSAGE_THREAD && who != RUSAGE_CHILDREN) return fail(errc::inval);
  *usage = rusage{};
  if (who == RUSAGE_CHILDREN) return 0;  // there are none
  auto t = cpu_ns();
  if (!t) return fail(t.error());
  usage->ru_utime = to_timeval(*t);
  usage->ru_maxrss = static_cast<long>(__builtin_wasm_memory_size(0) * 64);  // KiB
  return 0;
}

}  // extern "C"
