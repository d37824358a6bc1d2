#pragma once

#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>

#include "interleave/backend.hpp"

namespace interleave {

// Suspends the calling task. Virtual time under the fiber engine (a
// one-second sleep costs nothing), real time under the threads engine.
void sleep_for(Duration duration, const std::source_location& where = std::source_location::current());

// Time since the run started, on the same clock sleep_for uses.
Duration now();

// An explicit scheduling point: where a scenario would sleep to widen a race
// window, it yields here instead and lets the engine decide who runs next.
void yield_point(const std::source_location& where = std::source_location::current());

// Checks an invariant. A false condition makes the run's verdict `invariant`
// with this message and ends the run: the calling task unwinds from here
// (never catch `...` around it), the others at their next operation.
void check(bool condition, std::string_view message,
           const std::source_location& where = std::source_location::current());

// The same, with the message built only when the condition is false, for
// checks on hot paths: check(ok, [&] { return fmt::format(...); }).
template <class MakeMessage>
  requires std::is_invocable_r_v<std::string, MakeMessage>
void check(bool condition, MakeMessage&& make_message,
           const std::source_location& where = std::source_location::current()) {
  if (!condition) [[unlikely]] {
    const std::string message = make_message();
    check(false, message, where);
  }
}

}  // namespace interleave
