// Compile-time checks of result<T>, failure and the flag-set operators.
// Compiling this file is the test. It builds for wasm32-wasi and natively,
// since those parts of syscalls.h are target-neutral.
#include <wasishim/syscalls.h>

namespace sys = wasishim::sys;
using sys::errc;

// A value.
constexpr sys::result<size_t> seven = size_t{7};
static_assert(seven.ok() && static_cast<bool>(seven));
static_assert(seven.value() == 7 && *seven == 7 && seven.value_or(3) == 7);
static_assert(seven.error() == errc::success);

// An error.
constexpr sys::result<size_t> bad = sys::failure(errc::badf);
static_assert(!bad.ok() && !bad);
static_assert(bad.error() == errc::badf && bad.value_or(3) == 3);

// Values of struct type are reached through ->.
constexpr sys::result<sys::string_list_sizes> sizes = sys::string_list_sizes{2, 10};
static_assert(sizes->count == 2 && sizes->buf_size == 10);

// result<void>.
constexpr sys::result<void> done{};
static_assert(done.ok() && done.error() == errc::success);
constexpr sys::result<void> refused = sys::failure(errc::notcapable);
static_assert(!refused && refused.error() == errc::notcapable);

// Errors come only from failure, never from a bare errc or an integer, so
// result<integer> construction is never ambiguous.
template <class From, class To>
concept converts = requires(From from, void (*sink)(To)) { sink(from); };
template <class T, class... Args>
concept constructs = requires(Args... args) { T(args...); };
static_assert(!constructs<sys::result<size_t>, errc>);
static_assert(!constructs<sys::result<void>, errc>);
static_assert(!converts<errc, sys::failure>);
static_assert(!converts<int, sys::failure>);
static_assert(converts<int, sys::result<size_t>>);
static_assert(converts<sys::failure, sys::result<size_t>>);

// failure(errc::success) does not exist as a constant: it traps.
template <int>
struct constant {};
template <errc E>
concept constant_failure = requires { typename constant<static_cast<int>(sys::failure(E).code())>; };
static_assert(constant_failure<errc::badf>);
static_assert(!constant_failure<errc::success>);

// Nor can value() be read from an error at compile time.
template <errc E>
concept readable_value = requires {
  typename constant<static_cast<int>(sys::result<int>(sys::failure(E)).value())>;
};
template <int V>
concept readable_int = requires { typename constant<sys::result<int>(V).value()>; };
static_assert(readable_int<4>);
static_assert(!readable_value<errc::io>);

// Flag sets combine with bit operators, and only flag sets do.
static_assert((sys::oflags::creat | sys::oflags::excl) == static_cast<sys::oflags>(5));
static_assert(((sys::oflags::creat | sys::oflags::trunc) & sys::oflags::trunc) == sys::oflags::trunc);
static_assert((sys::fdflags::append ^ sys::fdflags::append) == sys::fdflags{});
static_assert((~sys::sdflags::rd & (sys::sdflags::rd | sys::sdflags::wr)) == sys::sdflags::wr);
static_assert(sys::has(sys::fdflags::append | sys::fdflags::sync, sys::fdflags::sync));
static_assert(!sys::has(sys::fdflags::append, sys::fdflags::append | sys::fdflags::sync));
constexpr sys::fstflags accumulated = [] {
  sys::fstflags flags{};
  flags |= sys::fstflags::atim;
  flags |= sys::fstflags::mtim_now;
  flags &= ~sys::fstflags::atim;
  flags ^= sys::fstflags::mtim;
  return flags;
}();
static_assert(accumulated == (sys::fstflags::mtim_now | sys::fstflags::mtim));

template <class E>
concept has_bit_or = requires(E a) { a | a; };
static_assert(has_bit_or<sys::lookupflags>);
static_assert(!has_bit_or<sys::whence>);
static_assert(!has_bit_or<errc>);
static_assert(!has_bit_or<sys::filetype>);

// oflags and fdflags sit side by side in path_open; they must not mix.
template <class A, class B>
concept mixable = requires(A a, B b) { a | b; };
static_assert(!mixable<sys::oflags, sys::fdflags>);
