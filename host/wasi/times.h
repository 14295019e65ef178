// The timestamps of fd_filestat_set_times / path_filestat_set_times as the
// two timespecs utimensat and futimens take.
#pragma once

#include <sys/stat.h>

#include <array>
#include <ctime>

#include "wasi/types.h"

namespace wasishim::wasi {

// inval for unknown flag bits, or for a time given both explicitly and as
// "now" (ATIM with ATIM_NOW, MTIM with MTIM_NOW).
inline Errno times_for(uint64_t atim, uint64_t mtim, uint32_t fst_flags,
                       std::array<timespec, 2>& out) {
  constexpr uint32_t known = fstflag::atim | fstflag::atim_now | fstflag::mtim | fstflag::mtim_now;
  if (fst_flags & ~known) return Errno::inval;
  if ((fst_flags & fstflag::atim) && (fst_flags & fstflag::atim_now)) return Errno::inval;
  if ((fst_flags & fstflag::mtim) && (fst_flags & fstflag::mtim_now)) return Errno::inval;
  auto from_ns = [](uint64_t ns) {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000u);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000u);
    return ts;
  };
  auto pick = [&](uint32_t set, uint32_t now, uint64_t value) {
    if (fst_flags & set) return from_ns(value);
    timespec ts{};
    ts.tv_nsec = (fst_flags & now) ? UTIME_NOW : UTIME_OMIT;
    return ts;
  };
  out[0] = pick(fstflag::atim, fstflag::atim_now, atim);
  out[1] = pick(fstflag::mtim, fstflag::mtim_now, mtim);
  return Errno::success;
}

}  // namespace wasishim::wasi
