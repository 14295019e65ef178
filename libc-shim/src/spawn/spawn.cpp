// posix_spawn: preview1 cannot create processes, so the spawn itself returns
// ENOSYS. The attribute and file-action objects hold what a program sets and
// check what POSIX says they check, so code that prepares a spawn runs up to
// the spawn (docs/porting.md).
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>

namespace {
constexpr int all_flags = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                          POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSCHEDPARAM |
                          POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID;
}

extern "C" {

int posix_spawn(pid_t* __restrict pid, const char* __restrict path,
                const posix_spawn_file_actions_t* actions, const posix_spawnattr_t* __restrict attr,
                char* const* __restrict argv, char* const* __restrict envp) {
  (void)pid, (void)path, (void)actions, (void)attr, (void)argv, (void)envp;
  return ENOSYS;
}

int posix_spawnp(pid_t* __restrict pid, const char* __restrict file,
                 const posix_spawn_file_actions_t* actions, const posix_spawnattr_t* __restrict attr,
                 char* const* __restrict argv, char* const* __restrict envp) {
  return posix_spawn(pid, file, actions, attr, argv, envp);
}

int posix_spawnattr_init(posix_spawnattr_t* attr) {
  memset(attr, 0, sizeof *attr);
  return 0;
}
int posix_spawnattr_destroy(posix_spawnattr_t* attr) {
  (void)attr;
  return 0;
}
int posix_spawnattr_setflags(posix_spawnattr_t* attr, short flags) {
  if (flags & ~all_flags) return EINVAL;
  attr->__flags = flags;
  return 0;
}
int posix_spawnattr_getflags(const posix_spawnattr_t* __restrict attr, short* __restrict flags) {
  *flags = static_cast<short>(attr->__flags);
  return 0;
}
int posix_spawnattr_setpgroup(posix_spawnattr_t* attr, pid_t group) {
  attr->__pgrp = group;
  return 0;
}
int posix_spawnattr_getpgroup(const posix_spawnattr_t* __restrict attr, pid_t* __restrict group) {
  *group = attr->__pgrp;
  return 0;
}
int posix_spawnattr_setsigmask(posix_spawnattr_t* __restrict attr, const sigset_t* __restrict mask) {
  attr->__mask = *mask;
  return 0;
}
int posix_spawnattr_getsigmask(const posix_spawnattr_t* __restrict attr, sigset_t* __restrict mask) {
  *mask = attr->__mask;
  return 0;
}
int posix_spawnattr_setsigdefault(posix_spawnattr_t* __restrict attr, const sigset_t* __restrict set) {
  attr->__def = *set;
  return 0;
}
int posix_spawnattr_getsigdefault(const posix_spawnattr_t* __restrict attr, sigset_t* __restrict set) {
  *set = attr->__def;
  return 0;
}

// The actions are only counted: no spawn will carry them out.
int posix_spawn_file_actions_init(posix_spawn_file_actions_t* actions) {
  actions->__count = 0;
  actions->__actions = nullptr;
  return 0;
}
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t* actions) {
  actions->__count = 0;
  return 0;
}
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t* __restrict actions, int fd,
                                     const char* __restrict path, int flags, mode_t mode) {
  (void)path, (void)flags, (void)mode;
  if (fd < 0) return EBADF;
  ++actions->__count;
  return 0;
}
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t* actions, int fd) {
  if (fd < 0) return EBADF;
  ++actions->__count;
  return 0;
}
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t* actions, int fd, int to) {
  if (fd < 0 || to < 0) return EBADF;
  ++actions->__count;
  return 0;
}

}  // extern "C"
