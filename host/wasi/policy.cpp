#include "wasi/policy.h"

#include <array>
#include <iterator>
#include <vector>

#include "wasi/dispatch.h"
#include "wasishim/error.h"
#include "wasishim/wasi_functions.h"

namespace wasishim {

namespace {

using SV = std::string_view;

// The groups, in the order `wasishim caps` lists them. Which functions each
// holds is the one list of the functions' to say (syscalls/preview1.functions).
struct GroupText {
  SV name;
  SV description;
};
constexpr GroupText kGroupTexts[] = {
    {"args-env", "read its arguments and environment"},
    {"clocks", "read clocks"},
    {"random", "read random bytes"},
    {"fd", "manage descriptors it holds (close, renumber, seek, flags, preopen names)"},
    {"fd-read", "read from descriptors (stdin, files)"},
    {"fd-write", "write to descriptors (stdout, stderr, files)"},
    {"fs-open",
     "open files and directories in preopens: read, write, create or truncate them as the "
     "preopen's rights allow (--dir-ro withholds writing)"},
    {"fs-read", "list directories, stat files, read symlinks"},
    {"fs-write", "change file size, times, allocation; sync"},
    {"fs-create", "create directories"},
    {"fs-delete", "delete files and directories"},
    {"fs-rename-link", "rename files and make hard links"},
    {"fs-symlink", "create symbolic links"},
    {"poll", "wait for clocks and descriptors"},
    {"process", "exit, raise a signal, yield"},
    {"sockets", "use sockets it was given"},
};

struct Membership {
  SV function;
  SV group;
};
#define WASISHIM_MEMBERSHIP(name, group, returns, params, trace) Membership{#name, group},
constexpr std::array kMemberships = {WASISHIM_WASI_FUNCTIONS(WASISHIM_MEMBERSHIP)};
#undef WASISHIM_MEMBERSHIP

constexpr bool every_function_has_a_described_group() {
  for (const Membership& m : kMemberships) {
    bool found = false;
    for (const GroupText& g : kGroupTexts) found = found || g.name == m.group;
    if (!found) return false;
  }
  return true;
}
static_assert(every_function_has_a_described_group(),
              "preview1.functions names a group kGroupTexts does not describe");

struct Groups {
  std::vector<std::vector<SV>> members;
  std::vector<CapabilityGroup> groups;
};

const Groups& groups() {
  static const Groups built = [] {
    Groups g;
    g.members.resize(std::size(kGroupTexts));
    for (const Membership& m : kMemberships) {
      for (size_t i = 0; i < std::size(kGroupTexts); ++i) {
        if (kGroupTexts[i].name == m.group) g.members[i].push_back(m.function);
      }
    }
    for (size_t i = 0; i < std::size(kGroupTexts); ++i) {
      g.groups.push_back({kGroupTexts[i].name, kGroupTexts[i].description, g.members[i]});
    }
    return g;
  }();
  return built;
}

}  // namespace

std::span<const CapabilityGroup> capability_groups() { return groups().groups; }

std::string_view group_of(std::string_view function) {
  for (const Membership& m : kMemberships) {
    if (m.function == function) return m.group;
  }
  return {};
}

uint64_t denied_mask(const Policy& policy) {
  auto imports = wasi_imports();
  uint64_t mask = 0;
  for (const std::string& entry : policy.deny) {
    bool known = false;
    for (size_t i = 0; i < imports.size(); ++i) {
      if (imports[i].name == entry || group_of(imports[i].name) == entry) {
        mask |= uint64_t{1} << i;
        known = true;
      }
    }
    if (!known) {
      throw HostError(HostErrorKind::usage,
                      "unknown capability group or WASI function '" + entry + "' in --deny");
    }
  }
  return mask;
}

bool is_denied(const Policy& policy, std::string_view function) {
  for (const std::string& entry : policy.deny) {
    if (entry == function || entry == group_of(function)) return true;
  }
  return false;
}

}  // namespace wasishim
