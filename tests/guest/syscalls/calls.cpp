// wasishim-test: no-sandbox-arg
// wasishim-test: args alpha beta
// wasishim-test: env WASISHIM_CALLS_TEST=1
// Calls every wrapper against a live host and checks what the spec promises.
// Uses nothing but wasishim/syscalls.h, so a pass also shows the bindings
// need no other library code.
//
// The runner must start it as `calls_test alpha beta`, with
// WASISHIM_CALLS_TEST=1 in the environment and an empty, writable directory
// as the first preopen. It exits 0 when every check passes, 1 otherwise, and
// names each failed check on stderr.
//
// proc_raise is called only with an undefined signal: a host may honour a real
// one and kill the test.
#include <wasishim/syscalls.h>

namespace sys = wasishim::sys;
using sys::errc;

namespace {

int failures = 0;

size_t length(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

bool same_bytes(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const unsigned char*>(a);
  const auto* y = static_cast<const unsigned char*>(b);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

bool same_string(const char* a, const char* b) {
  const size_t n = length(b);
  return length(a) == n && same_bytes(a, b, n);
}

void print(const char* s) {
  const sys::ciovec iov{s, length(s)};
  (void)sys::fd_write(2, &iov, 1);
}

void check(bool passed, const char* what, errc code = errc::success) {
  if (passed) return;
  ++failures;
  print("FAIL: ");
  print(what);
  if (code != errc::success) {
    print(" (");
    print(sys::errc_name(code));
    print(")");
  }
  print("\n");
}

template <class T>
bool expect_ok(const sys::result<T>& r, const char* what) {
  check(r.ok(), what, r.error());
  return r.ok();
}

template <class T>
void expect_error(const sys::result<T>& r, errc wanted, const char* what) {
  check(r.error() == wanted, what, r.error());
}

template <class T>
void expect_failed(const sys::result<T>& r, const char* what) {
  check(!r.ok(), what);
}

// Paths inside the preopen; the ABI takes pointer and length.
struct path {
  const char* text;
  size_t len;
  constexpr path(const char* s) : text(s), len(__builtin_strlen(s)) {}
};

constexpr sys::rights_t file_rights =
    sys::rights::fd_read | sys::rights::fd_write | sys::rights::fd_seek | sys::rights::fd_tell |
    sys::rights::fd_filestat_get | sys::rights::fd_filestat_set_size |
    sys::rights::fd_filestat_set_times | sys::rights::fd_advise | sys::rights::fd_allocate |
    sys::rights::fd_datasync | sys::rights::fd_sync | sys::rights::fd_fdstat_set_flags;

sys::result<sys::fd_t> open_at(sys::fd_t dir, path p, sys::oflags how,
                               sys::rights_t rights = file_rights) {
  return sys::path_open(dir, sys::lookupflags{}, p.text, p.len, how, rights, 0, sys::fdflags{});
}

sys::result<sys::filestat> stat_at(sys::fd_t dir, path p,
                                   sys::lookupflags flags = sys::lookupflags::symlink_follow) {
  return sys::path_filestat_get(dir, flags, p.text, p.len);
}

void test_args_and_environ() {
  const auto args = sys::args_sizes_get();
  if (!expect_ok(args, "args_sizes_get")) return;
  check(args->count == 3, "three arguments");
  char* argv[8];
  char argv_buf[512];
  if (args->count <= 8 && args->buf_size <= sizeof argv_buf &&
      expect_ok(sys::args_get(argv, argv_buf), "args_get") && args->count == 3) {
    check(same_string(argv[1], "alpha"), "argv[1] is alpha");
    check(same_string(argv[2], "beta"), "argv[2] is beta");
    check(argv[2] + length(argv[2]) + 1 == argv_buf + args->buf_size,
          "argument strings fill exactly buf_size bytes");
  }

  const auto env = sys::environ_sizes_get();
  if (!expect_ok(env, "environ_sizes_get")) return;
  char* environ_ptrs[64];
  char environ_buf[4096];
  if (env->count > 64 || env->buf_size > sizeof environ_buf) {
    check(false, "environment fits the test's buffers");
    return;
  }
  if (!expect_ok(sys::environ_get(environ_ptrs, environ_buf), "environ_get")) return;
  bool found = false;
  for (size_t i = 0; i < env->count; ++i) {
    found = found || same_string(environ_ptrs[i], "WASISHIM_CALLS_TEST=1");
  }
  check(found, "environ holds WASISHIM_CALLS_TEST=1");
}

void test_clocks_random_yield() {
  const auto resolution = sys::clock_res_get(sys::clockid::monotonic);
  if (expect_ok(resolution, "clock_res_get(monotonic)")) check(*resolution > 0, "resolution > 0");

  const auto now = sys::clock_time_get(sys::clockid::realtime, 1);
  if (expect_ok(now, "clock_time_get(realtime)")) {
    check(*now > 1'600'000'000'000'000'000ull, "realtime is after September 2020");
  }
  const auto t1 = sys::clock_time_get(sys::clockid::monotonic, 1);
  const auto t2 = sys::clock_time_get(sys::clockid::monotonic, 1);
  if (expect_ok(t1, "clock_time_get(monotonic)") && expect_ok(t2, "clock_time_get again")) {
    check(*t2 >= *t1, "monotonic does not go back");
  }
  expect_error(sys::clock_time_get(static_cast<sys::clockid>(99), 1), errc::inval,
               "clock_time_get(bad clock) is inval");

  unsigned char a[32] = {};
  unsigned char b[32] = {};
  if (expect_ok(sys::random_get(a, sizeof a), "random_get") &&
      expect_ok(sys::random_get(b, sizeof b), "random_get again")) {
    check(!same_bytes(a, b, sizeof a), "two random draws differ");
  }

  expect_ok(sys::sched_yield(), "sched_yield");
}

// The first preopened directory, as the host listed it.
sys::fd_t find_preopen() {
  for (sys::fd_t fd = 3;; ++fd) {
    const auto stat = sys::fd_prestat_get(fd);
    if (!stat) {
      expect_error(stat, errc::badf, "fd_prestat_get past the last preopen is badf");
      check(false, "a preopened directory exists");
      return 0;
    }
    if (stat->type != sys::preopentype::dir) continue;
    char name[256];
    const size_t name_len = stat->u.dir.pr_name_len;
    check(name_len > 0 && name_len <= sizeof name, "preopen name length is sane");
    if (name_len <= sizeof name) {
      expect_ok(sys::fd_prestat_dir_name(fd, name, name_len), "fd_prestat_dir_name");
    }
    return fd;
  }
}

void test_descriptors(sys::fd_t dir) {
  const path file = "calls_test.d/f";
  const auto opened = open_at(dir, file, sys::oflags::creat | sys::oflags::excl);
  if (!expect_ok(opened, "path_open(creat|excl)")) return;
  const sys::fd_t fd = *opened;
  expect_error(open_at(dir, file, sys::oflags::creat | sys::oflags::excl), errc::exist,
               "path_open(creat|excl) on an existing file is exist");

  const char text[] = "hello world";
  const sys::ciovec out[] = {{text, 6}, {text + 6, 5}};
  const auto written = sys::fd_write(fd, out, 2);
  if (expect_ok(written, "fd_write")) check(*written == 11, "fd_write wrote 11 bytes");
  const auto told = sys::fd_tell(fd);
  if (expect_ok(told, "fd_tell")) check(*told == 11, "fd_tell is 11");

  const auto start = sys::fd_seek(fd, 0, sys::whence::set);
  if (expect_ok(start, "fd_seek(set)")) check(*start == 0, "fd_seek(set) to 0");
  char got[16] = {};
  const sys::iovec in[] = {{got, 2}, {got + 2, 3}};
  const auto nread = sys::fd_read(fd, in, 2);
  if (expect_ok(nread, "fd_read")) {
    check(*nread == 5 && same_bytes(got, "hello", 5), "fd_read reads hello");
  }
  const auto back = sys::fd_seek(fd, -2, sys::whence::cur);
  if (expect_ok(back, "fd_seek(cur)")) check(*back == 3, "fd_seek(cur, -2) to 3");
  const auto end = sys::fd_seek(fd, 0, sys::whence::end);
  if (expect_ok(end, "fd_seek(end)")) check(*end == 11, "fd_seek(end) to 11");

  const sys::ciovec patch{"J", 1};
  const auto pwritten = sys::fd_pwrite(fd, &patch, 1, 0);
  if (expect_ok(pwritten, "fd_pwrite")) check(*pwritten == 1, "fd_pwrite wrote 1 byte");
  const sys::iovec pin{got, 5};
  const auto pread = sys::fd_pread(fd, &pin, 1, 0);
  if (expect_ok(pread, "fd_pread")) {
    check(*pread == 5 && same_bytes(got, "Jello", 5), "fd_pread sees the fd_pwrite");
  }
  const auto still = sys::fd_tell(fd);
  if (expect_ok(still, "fd_tell after pread")) check(*still == 11, "pread/pwrite keep the offset");

  const auto fdstat = sys::fd_fdstat_get(fd);
  if (expect_ok(fdstat, "fd_fdstat_get")) {
    check(fdstat->fs_filetype == sys::filetype::regular_file, "fdstat says regular file");
    check((fdstat->fs_rights_base & sys::rights::fd_read) != 0, "fdstat has fd_read");
    check(!sys::has(fdstat->fs_flags, sys::fdflags::append), "not opened for append");
  }
  const auto stat = sys::fd_filestat_get(fd);
  if (expect_ok(stat, "fd_filestat_get")) {
    check(stat->filetype == sys::filetype::regular_file, "filestat says regular file");
    check(stat->size == 11, "filestat size is 11");
    check(stat->nlink >= 1, "filestat nlink >= 1");
  }

  expect_ok(sys::fd_filestat_set_size(fd, 5), "fd_filestat_set_size");
  const auto shrunk = sys::fd_filestat_get(fd);
  if (expect_ok(shrunk, "fd_filestat_get after set_size")) check(shrunk->size == 5, "size is 5");
  expect_ok(sys::fd_allocate(fd, 0, 64), "fd_allocate");
  expect_ok(sys::fd_advise(fd, 0, 0, sys::advice::sequential), "fd_advise");
  expect_ok(sys::fd_datasync(fd), "fd_datasync");
  expect_ok(sys::fd_sync(fd), "fd_sync");

  // Whole seconds, so a host that keeps coarser times still round-trips them.
  const sys::timestamp_t atim = 1'000'000'000'000'000'000ull;
  const sys::timestamp_t mtim = 1'100'000'000'000'000'000ull;
  expect_ok(sys::fd_filestat_set_times(fd, atim, mtim, sys::fstflags::atim | sys::fstflags::mtim),
            "fd_filestat_set_times");
  const auto timed = sys::fd_filestat_get(fd);
  if (expect_ok(timed, "fd_filestat_get after set_times")) {
    check(timed->mtim == mtim, "mtim was set");
  }

  // Checked by behaviour: some hosts (Node's) do not report fs_flags back.
  expect_ok(sys::fd_fdstat_set_flags(fd, sys::fdflags::append), "fd_fdstat_set_flags(append)");
  (void)sys::fd_seek(fd, 0, sys::whence::set);
  const sys::ciovec bang{"!", 1};
  expect_ok(sys::fd_write(fd, &bang, 1), "fd_write in append mode");
  char last = 0;
  const sys::iovec last_in{&last, 1};
  const auto appended = sys::fd_pread(fd, &last_in, 1, 64);
  if (expect_ok(appended, "fd_pread the appended byte")) {
    check(*appended == 1 && last == '!', "append mode writes at the end");
  }

  expect_ok(sys::fd_fdstat_set_rights(fd, file_rights & ~sys::rights::fd_write, 0),
            "fd_fdstat_set_rights");
  expect_error(sys::fd_write(fd, out, 1), errc::notcapable,
               "fd_write without the right is notcapable");

  expect_ok(sys::fd_close(fd), "fd_close");
  expect_error(sys::fd_close(fd), errc::badf, "fd_close twice is badf");
  expect_error(sys::fd_fdstat_get(fd), errc::badf, "fd_fdstat_get on a closed fd is badf");

  const auto a = open_at(dir, file, sys::oflags{});
  const auto b = open_at(dir, file, sys::oflags{});
  if (expect_ok(a, "path_open a") && expect_ok(b, "path_open b")) {
    expect_ok(sys::fd_renumber(*a, *b), "fd_renumber");
    expect_error(sys::fd_close(*a), errc::badf, "fd_renumber closes the source");
    expect_ok(sys::fd_close(*b), "fd_close the renumbered fd");
  }
}

// Collects the names fd_readdir returns, following cookies to the end.
bool directory_holds(sys::fd_t dir, const char* wanted) {
  alignas(8) unsigned char buf[256];
  sys::dircookie_t cookie = sys::dircookie_start;
  for (;;) {
    const auto used = sys::fd_readdir(dir, buf, sizeof buf, cookie);
    if (!expect_ok(used, "fd_readdir")) return false;
    size_t at = 0;
    while (at + sizeof(sys::dirent) <= *used) {
      sys::dirent entry;
      __builtin_memcpy(&entry, buf + at, sizeof entry);
      const size_t name_at = at + sizeof entry;
      if (name_at + entry.d_namlen > *used) break;  // cut short; reread from its cookie
      if (entry.d_namlen == length(wanted) &&
          same_bytes(buf + name_at, wanted, entry.d_namlen)) {
        return true;
      }
      cookie = entry.d_next;
      at = name_at + entry.d_namlen;
    }
    if (*used < sizeof buf) return false;
  }
}

void test_paths(sys::fd_t dir) {
  const path f = "calls_test.d/f";
  const path g = "calls_test.d/g";
  const path h = "calls_test.d/h";
  const path s = "calls_test.d/s";

  const auto st = stat_at(dir, f);
  if (expect_ok(st, "path_filestat_get")) check(st->size == 65, "size is 64 from fd_allocate plus 1 appended");

  const sys::timestamp_t mtim = 1'200'000'000'000'000'000ull;
  expect_ok(sys::path_filestat_set_times(dir, sys::lookupflags::symlink_follow, f.text, f.len, 0,
                                         mtim, sys::fstflags::mtim | sys::fstflags::atim_now),
            "path_filestat_set_times");
  const auto timed = stat_at(dir, f);
  if (expect_ok(timed, "path_filestat_get after set_times")) check(timed->mtim == mtim, "mtim set");

  expect_ok(sys::path_link(dir, sys::lookupflags{}, f.text, f.len, dir, g.text, g.len),
            "path_link");
  const auto linked = stat_at(dir, f);
  if (expect_ok(linked, "path_filestat_get after link")) check(linked->nlink == 2, "nlink is 2");

  expect_ok(sys::path_symlink("f", 1, dir, s.text, s.len), "path_symlink");
  char target[16];
  const auto target_len = sys::path_readlink(dir, s.text, s.len, target, sizeof target);
  if (expect_ok(target_len, "path_readlink")) {
    check(*target_len == 1 && target[0] == 'f', "path_readlink returns f");
  }
  const auto link_stat = stat_at(dir, s, sys::lookupflags{});
  if (expect_ok(link_stat, "path_filestat_get(nofollow)")) {
    check(link_stat->filetype == sys::filetype::symbolic_link, "nofollow sees the symlink");
  }
  const auto followed = stat_at(dir, s);
  if (expect_ok(followed, "path_filestat_get(follow)")) {
    check(followed->filetype == sys::filetype::regular_file, "follow sees the file");
  }

  expect_ok(sys::path_rename(dir, g.text, g.len, dir, h.text, h.len), "path_rename");
  expect_error(stat_at(dir, g), errc::noent, "renamed-away name is noent");

  const auto sub = open_at(dir, "calls_test.d", sys::oflags::directory,
                           sys::rights::fd_readdir | sys::rights::path_open);
  if (expect_ok(sub, "path_open(directory)")) {
    check(directory_holds(*sub, "f"), "fd_readdir lists f");
    check(directory_holds(*sub, "h"), "fd_readdir lists h");
    check(directory_holds(*sub, "s"), "fd_readdir lists s");
    check(!directory_holds(*sub, "g"), "fd_readdir does not list g");
    expect_ok(sys::fd_close(*sub), "fd_close(directory)");
  }

  expect_error(open_at(dir, "calls_test.d/none", sys::oflags{}), errc::noent,
               "path_open of a missing file is noent");
  const path d = "calls_test.d";
  expect_error(sys::path_remove_directory(dir, d.text, d.len), errc::notempty,
               "path_remove_directory of a full directory is notempty");
  expect_failed(sys::path_unlink_file(dir, d.text, d.len), "path_unlink_file of a directory");

  const path files[] = {f, h, s};
  for (const path& p : files) {
    expect_ok(sys::path_unlink_file(dir, p.text, p.len), "path_unlink_file");
  }
  expect_ok(sys::path_remove_directory(dir, d.text, d.len), "path_remove_directory");
  expect_error(stat_at(dir, d), errc::noent, "removed directory is noent");
}

void test_poll() {
  sys::subscription sub{};
  sub.userdata = 42;
  sub.type = sys::eventtype::clock;
  sub.u.clock = {sys::clockid::monotonic, 1'000'000, 0, sys::subclockflags{}};
  sys::event ev{};
  const auto n = sys::poll_oneoff(&sub, &ev, 1);
  if (expect_ok(n, "poll_oneoff")) {
    check(*n == 1, "poll_oneoff returns one event");
    check(ev.userdata == 42, "event carries the userdata");
    check(ev.type == sys::eventtype::clock, "event is a clock event");
    check(ev.error == errc::success, "event has no error");
  }
}

// Preview1 cannot create sockets, so only the failures are portable.
void test_sockets(sys::fd_t dir) {
  char buf[4];
  const sys::iovec in{buf, sizeof buf};
  const sys::ciovec out{buf, sizeof buf};
  expect_failed(sys::sock_accept(dir, sys::fdflags{}), "sock_accept on a directory fails");
  expect_failed(sys::sock_recv(dir, &in, 1, sys::riflags{}), "sock_recv on a directory fails");
  expect_failed(sys::sock_send(dir, &out, 1, sys::siflags{}), "sock_send on a directory fails");
  expect_failed(sys::sock_shutdown(dir, sys::sdflags::rd | sys::sdflags::wr),
                "sock_shutdown on a directory fails");
}

}  // namespace

void test_errc_names() {
  check(same_string(sys::errc_name(errc::success), "success"), "errc_name(success)");
  check(same_string(sys::errc_name(errc::toobig), "2big"), "errc_name(toobig) is 2big");
  check(same_string(sys::errc_name(errc::noent), "noent"), "errc_name(noent)");
  check(same_string(sys::errc_name(errc::notcapable), "notcapable"), "errc_name(notcapable)");
  check(same_string(sys::errc_name(static_cast<errc>(77)), "unknown"), "errc_name(77)");
}

int main() {
  test_errc_names();
  test_args_and_environ();
  test_clocks_random_yield();
  expect_error(sys::fd_fdstat_get(0x7fff'fff0), errc::badf, "fd_fdstat_get on a bad fd is badf");
  if (const sys::fd_t dir = find_preopen(); dir != 0) {
    const path d = "calls_test.d";
    if (expect_ok(sys::path_create_directory(dir, d.text, d.len), "path_create_directory")) {
      expect_error(sys::path_create_directory(dir, d.text, d.len), errc::exist,
                   "path_create_directory twice is exist");
      test_descriptors(dir);
      test_paths(dir);
    }
    test_sockets(dir);
  }
  test_poll();
  // An undefined signal must be refused, not raised.
  expect_failed(sys::proc_raise(static_cast<sys::signal>(200)), "proc_raise(undefined) fails");
  if (failures == 0) print("calls_test: all checks passed\n");
  sys::proc_exit(failures == 0 ? 0 : 1);
}
