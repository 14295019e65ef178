#include "wasishim/syscalls.h"

namespace wasishim::sys {

namespace {
// Indexed by errc value; the spec numbers errors densely from 0.
constexpr const char* errc_names[] = {
    "success",     "2big",           "acces",        "addrinuse",   "addrnotavail",
    "afnosupport", "again",          "already",      "badf",        "badmsg",
    "busy",        "canceled",       "child",        "connaborted", "connrefused",
    "connreset",   "deadlk",         "destaddrreq",  "dom",         "dquot",
    "exist",       "fault",          "fbig",         "hostunreach", "idrm",
    "ilseq",       "inprogress",     "intr",         "inval",       "io",
    "isconn",      "isdir",          "loop",         "mfile",       "mlink",
    "msgsize",     "multihop",       "nametoolong",  "netdown",     "netreset",
    "netunreach",  "nfile",          "nobufs",       "nodev",       "noent",
    "noexec",      "nolck",          "nolink",       "nomem",       "nomsg",
    "noprotoopt",  "nospc",          "nosys",        "notconn",     "notdir",
    "notempty",    "notrecoverable", "notsock",      "notsup",      "notty",
    "nxio",        "overflow",       "ownerdead",    "perm",        "pipe",
    "proto",       "protonosupport", "prototype",    "range",       "rofs",
    "spipe",       "srch",           "stale",        "timedout",    "txtbsy",
    "xdev",        "notcapable",
};
static_assert(sizeof(errc_names) / sizeof(errc_names[0]) ==
              static_cast<size_t>(errc::notcapable) + 1);
}  // namespace

const char* errc_name(errc code) {
  const auto index = static_cast<size_t>(code);
  if (index >= sizeof(errc_names) / sizeof(errc_names[0])) return "unknown";
  return errc_names[index];
}

}  // namespace wasishim::sys
