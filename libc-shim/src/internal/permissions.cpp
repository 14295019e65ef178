// Permission bits and owners. Preview1 has neither, so the shim keeps them as
// bookkeeping inside the instance: umask applies to files the instance
// creates, chmod/fchmod record new bits, chown/fchown/lchown record owners
// (the entry points are in sys_stat/ and unistd/), and stat reports what was
// recorded (else 0644 for files, 0755 for
// directories, 0777 for symbolic links, and the instance's own uid and gid).
// Nothing is enforced: the program behaves as if it ran as the superuser.
// See docs/porting.md.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

struct recorded_mode {
  file_key file;
  mode_t bits;
};
recorded_mode* modes = nullptr;
size_t mode_count = 0;
size_t mode_capacity = 0;
mode_t current_mask = 022;

void record(file_key file, mode_t bits) {
  for (size_t i = 0; i < mode_count; ++i) {
    if (modes[i].file == file) {
      modes[i].bits = bits;
      return;
    }
  }
  if (mode_count == mode_capacity) {
    const size_t n = mode_capacity ? mode_capacity * 2 : 16;
    auto* bigger = static_cast<recorded_mode*>(realloc(modes, n * sizeof(recorded_mode)));
    if (bigger == nullptr) return;  // the default bits are reported instead
    modes = bigger;
    mode_capacity = n;
  }
  modes[mode_count++] = recorded_mode{file, bits};
}

}  // namespace

result<void> change_mode(const sys::filestat& st, mode_t mode) {
  record(file_key{st.dev, st.ino}, mode & 07777);
  return {};
}

namespace {

struct recorded_owner {
  file_key file;
  uid_t uid;
  gid_t gid;
};
recorded_owner* owners = nullptr;
size_t owner_count = 0;
size_t owner_capacity = 0;

recorded_owner* owner_entry(file_key file) {
  for (size_t i = 0; i < owner_count; ++i)
    if (owners[i].file == file) return &owners[i];
  return nullptr;
}

}  // namespace

// (uid_t)-1 and (gid_t)-1 leave that owner as it is (POSIX).
result<void> change_owner(const sys::filestat& st, uid_t uid, gid_t gid) {
  const file_key file{st.dev, st.ino};
  recorded_owner* e = owner_entry(file);
  if (e == nullptr) {
    if (owner_count == owner_capacity) {
      const size_t n = owner_capacity ? owner_capacity * 2 : 16;
      auto* bigger = static_cast<recorded_owner*>(realloc(owners, n * sizeof(recorded_owner)));
      if (bigger == nullptr) return failure(errc::nomem);
      owners = bigger;
      owner_capacity = n;
    }
    e = &owners[owner_count++];
    *e = recorded_owner{file, getuid(), getgid()};
  }
  if (uid != static_cast<uid_t>(-1)) e->uid = uid;
  if (gid != static_cast<gid_t>(-1)) e->gid = gid;
  return {};
}

mode_t permission_bits(file_key file, sys::filetype type) {
  for (size_t i = 0; i < mode_count; ++i)
    if (modes[i].file == file) return modes[i].bits;
  switch (type) {
    case sys::filetype::directory: return 0755;
    case sys::filetype::symbolic_link: return 0777;
    default: return 0644;
  }
}

void file_owner(file_key file, uid_t* uid, gid_t* gid) {
  const recorded_owner* e = owner_entry(file);
  *uid = e ? e->uid : getuid();
  *gid = e ? e->gid : getgid();
}

mode_t set_creation_mask(mode_t mask) {
  const mode_t old = current_mask;
  current_mask = mask & 0777;
  return old;
}

void record_created(file_key file, mode_t requested) {
  record(file, requested & 07777 & ~current_mask);
}

}  // namespace wasishim::shim
