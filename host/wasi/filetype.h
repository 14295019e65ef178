#pragma once

#include <sys/stat.h>

#include "wasi/types.h"

namespace wasishim::wasi {

inline Filetype filetype_of(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return Filetype::regular_file;
    case S_IFDIR: return Filetype::directory;
    case S_IFLNK: return Filetype::symbolic_link;
    case S_IFCHR: return Filetype::character_device;
    case S_IFBLK: return Filetype::block_device;
    case S_IFSOCK: return Filetype::socket_stream;
    default: return Filetype::unknown;  // FIFOs have no WASI file type
  }
}

// The most an fd of this type can be granted.
inline Rights max_rights_for(Filetype t) {
  switch (t) {
    case Filetype::directory: return right::directory;
    case Filetype::socket_stream:
    case Filetype::socket_dgram:
      return right::regular_file | right::sock_shutdown | right::sock_accept;
    default: return right::regular_file;
  }
}

}  // namespace wasishim::wasi
