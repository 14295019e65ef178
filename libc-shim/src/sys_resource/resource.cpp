// Resource limits and scheduling priority, kept inside the instance. The
// limits report what the instance has: its stack as linked (wasm-ld's
// __stack_low/__stack_high), 4 GiB of data and address space (all a wasm32
// memory can hold), one process, no core files, 1024 descriptors (FD_SETSIZE,
// what select can watch). setrlimit records a lower limit and reports it; it
// enforces nothing, and raising a hard limit fails with EPERM. The nice value
// is recorded the same way. docs/porting.md.
#include <sys/resource.h>
#include <unistd.h>

#include "shim.h"

extern "C" {
extern unsigned char __stack_low[];
extern unsigned char __stack_high[];
}

namespace wasishim::shim {
namespace {

constexpr rlim_t four_gib = rlim_t{1} << 32;

struct rlimit limits[RLIMIT_NLIMITS];
bool limits_ready = false;
int nice_value = 0;

struct rlimit* table() {
  if (!limits_ready) {
    for (auto& l : limits) l = {RLIM_INFINITY, RLIM_INFINITY};
    const rlim_t stack = static_cast<rlim_t>(__stack_high - __stack_low);
    limits[RLIMIT_STACK] = {stack, stack};
    limits[RLIMIT_DATA] = {four_gib, four_gib};
    limits[RLIMIT_AS] = {four_gib, four_gib};
    limits[RLIMIT_CORE] = {0, 0};
    limits[RLIMIT_NPROC] = {1, 1};
    limits[RLIMIT_NOFILE] = {1024, 1024};
    limits[RLIMIT_SIGPENDING] = {64, 64};
    limits[RLIMIT_NICE] = {0, 0};
    limits[RLIMIT_RTPRIO] = {0, 0};
    limits_ready = true;
  }
  return limits;
}

bool self(pid_t pid) { return pid == 0 || pid == getpid(); }

result<void> set_limit(int resource, const struct rlimit* value) {
  if (resource < 0 || resource >= RLIMIT_NLIMITS) return failure(errc::inval);
  if (value->rlim_cur > value->rlim_max) return failure(errc::inval);
  struct rlimit& current = table()[resource];
  if (value->rlim_max > current.rlim_max) return failure(errc::perm);
  current = *value;
  return {};
}

result<void> check_target(int which, id_t who) {
  if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER) return failure(errc::inval);
  const bool found = which == PRIO_USER ? who == 0 || who == getuid() : self(static_cast<pid_t>(who));
  if (!found) return failure(errc::srch);
  return {};
}

int clamp_nice(int v) { return v < PRIO_MIN ? PRIO_MIN : v > PRIO_MAX - 1 ? PRIO_MAX - 1 : v; }

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int getrlimit(int resource, struct rlimit* value) {
  if (resource < 0 || resource >= RLIMIT_NLIMITS) return fail(errc::inval);
  *value = table()[resource];
  return 0;
}

int setrlimit(int resource, const struct rlimit* value) { return to_c(set_limit(resource, value)); }

int prlimit(pid_t pid, int resource, const struct rlimit* value, struct rlimit* old) {
  if (!self(pid)) return fail(errc::srch);
  if (resource < 0 || resource >= RLIMIT_NLIMITS) return fail(errc::inval);
  const struct rlimit previous = table()[resource];
  if (value != nullptr) {
    auto r = set_limit(resource, value);
    if (!r) return fail(r.error());
  }
  if (old != nullptr) *old = previous;
  return 0;
}

int getpriority(int which, id_t who) {
  auto r = check_target(which, who);
  if (!r) return fail(r.error());
  return nice_value;
}

int setpriority(int which, id_t who, int value) {
  auto r = check_target(which, who);
  if (!r) return fail(r.error());
  nice_value = clamp_nice(value);
  return 0;
}

int nice(int increment) {
  nice_value = clamp_nice(nice_value + increment);
  return nice_value;
}

}  // extern "C"
