// The pwd.h and grp.h databases: each holds one entry, the configured user
// (internal/users.cpp) or its group, and both answer the same calls in the
// same way. `Fill(record, buf, size)` writes the entry's strings into `buf`;
// it returns 0, or ERANGE when `size` is too small.
#pragma once

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "shim.h"

namespace wasishim::shim {

template <class Record, int (*Fill)(Record*, char*, size_t)>
class user_database {
 public:
  // getpwnam/getgrgid and friends: the entry, in storage the next call
  // reuses, when the key names it; null otherwise.
  Record* lookup(bool key_matches) { return key_matches ? entry() : nullptr; }

  // The _r forms: the entry in the caller's storage when the key names it.
  int lookup_r(bool key_matches, Record* record, char* buf, size_t size, Record** result) {
    *result = nullptr;
    if (!key_matches) return 0;
    const int e = Fill(record, buf, size);
    if (e == 0) *result = record;
    return e;
  }

  // getpwent/getgrent list the one entry once; setpwent/endpwent rewind.
  Record* next() {
    if (listed_) return nullptr;
    listed_ = true;
    return entry();
  }
  void rewind() { listed_ = false; }

 private:
  Record* entry() {
    if (Fill(&record_, text_, sizeof text_) != 0) return null_with<Record>(errc::range);
    return &record_;
  }

  Record record_{};
  char text_[1024]{};
  bool listed_ = false;
};

inline bool names_the_user(const char* name) {
  return name != nullptr && strcmp(name, user_name()) == 0;
}

}  // namespace wasishim::shim
