#pragma once

// The right-hand side of an operator of interleave::sync's values, with
// the line that wrote the operator.

#include <concepts>
#include <source_location>
#include <utility>

namespace interleave::sync::detail {

// An operator cannot take a std::source_location parameter of its own, but
// the conversion of its right-hand side to this parameter happens at the
// caller's line, and a constructor's default argument is evaluated there:
// `count += 1` is reported at the line that wrote it.
template <class T>
struct operand {
  template <class U>
    requires std::convertible_to<U&&, T>
  operand(U&& value, const std::source_location& where = std::source_location::current())
      : value(std::forward<U>(value)), where(where) {}

  T value;
  std::source_location where;
};

}  // namespace interleave::sync::detail
