// result<T>: what every typed WASI call returns (part of wasishim/syscalls.h;
// freestanding like it).
#pragma once

#include "wasishim/sys_types.h"

namespace wasishim::sys {

// The error side of a result. It refuses errc::success, because a failure
// that says "no error" would make ok() and error() disagree.
class failure {
 public:
  constexpr explicit failure(errc code) : code_(code) {
    if (code == errc::success) __builtin_trap();
  }
  constexpr errc code() const { return code_; }

 private:
  errc code_;
};

// A value or an errc, like std::expected but with no exceptions and no
// library. T must be default-constructible. Errors are made only from a
// `failure`, so result<size_t>{errc::badf} does not compile and no integer
// can be mistaken for an error.
template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;

  constexpr result(const T& value) : value_(value) {}
  constexpr result(T&& value) : value_(static_cast<T&&>(value)) {}
  constexpr result(failure fail) : value_(), error_(fail.code()) {}

  constexpr bool ok() const { return error_ == errc::success; }
  constexpr explicit operator bool() const { return ok(); }
  // errc::success when ok().
  constexpr errc error() const { return error_; }

  // Checked: traps on an error, since there is nothing to throw.
  constexpr T& value() & {
    check();
    return value_;
  }
  constexpr const T& value() const& {
    check();
    return value_;
  }
  constexpr T&& value() && {
    check();
    return static_cast<T&&>(value_);
  }
  constexpr T value_or(T fallback) const { return ok() ? value_ : fallback; }

  // Unchecked, for code that has just tested ok().
  constexpr T& operator*() & { return value_; }
  constexpr const T& operator*() const& { return value_; }
  constexpr T* operator->() { return &value_; }
  constexpr const T* operator->() const { return &value_; }

 private:
  constexpr void check() const {
    if (!ok()) __builtin_trap();
  }

  T value_;
  errc error_ = errc::success;
};

template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;

  constexpr result() = default;
  constexpr result(failure fail) : error_(fail.code()) {}

  constexpr bool ok() const { return error_ == errc::success; }
  constexpr explicit operator bool() const { return ok(); }
  constexpr errc error() const { return error_; }
  constexpr void value() const {
    if (!ok()) __builtin_trap();
  }

 private:
  errc error_ = errc::success;
};

namespace detail {
constexpr result<void> to_result(uint16_t code) {
  if (code != 0) return failure(static_cast<errc>(code));
  return {};
}

template <class T>
constexpr result<T> to_result(uint16_t code, const T& value) {
  if (code != 0) return failure(static_cast<errc>(code));
  return value;
}
}  // namespace detail

}  // namespace wasishim::sys
