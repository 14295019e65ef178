#pragma once

#include <sys/stat.h>

#include <span>

#include "abi/guest_memory.h"
#include "wasi/filetype.h"

namespace wasishim::wasi {

// Fills a 64-byte guest filestat window from a host stat.
inline void put_filestat(std::span<uint8_t> w, const struct stat& st) {
  auto ns = [](const timespec& ts) {
    return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
  };
  std::fill(w.begin(), w.end(), 0);
  GuestMemory::put<uint64_t>(w, 0, st.st_dev);
  GuestMemory::put<uint64_t>(w, 8, st.st_ino);
  GuestMemory::put<uint8_t>(w, 16, static_cast<uint8_t>(filetype_of(st.st_mode)));
  GuestMemory::put<uint64_t>(w, 24, st.st_nlink);
  GuestMemory::put<uint64_t>(w, 32, static_cast<uint64_t>(st.st_size));
  GuestMemory::put<uint64_t>(w, 40, ns(st.st_atim));
  GuestMemory::put<uint64_t>(w, 48, ns(st.st_mtim));
  GuestMemory::put<uint64_t>(w, 56, ns(st.st_ctim));
}

}  // namespace wasishim::wasi
