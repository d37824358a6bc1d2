#pragma once

#include <source_location>
#include <string>
#include <utility>

#include "interleave/backend.hpp"
#include "interleave/per_run.hpp"

namespace interleave {

// A plain, unsynchronized variable whose every access the harness sees. Under
// the fiber engine each read and write goes through the race detector (and,
// with race detection off, is a scheduling point); under the threads engine
// it is an ordinary memory access, so ThreadSanitizer sees the real race.
// Unnamed, it is named by where it was made ("shared@bank.cpp:12").
template <class T>
class Shared {
 public:
  Shared(const std::source_location& made = std::source_location::current())
      : value_{}, slot_{detail::ObjectName("shared", made)} {}
  explicit Shared(T initial, std::string name = {}, const std::source_location& made = std::source_location::current())
      : value_(std::move(initial)),
        slot_{name.empty() ? detail::ObjectName("shared", made) : detail::ObjectName(std::move(name), "shared", made)} {
  }
  // Before its first use in a run only (a container's elements).
  Shared(Shared&& other) : value_(std::move(other.value_)), slot_{other.slot_.name} {
    if (detail::in_active_run(other.slot_)) detail::moved_in_use(other.slot_.name);
  }
  Shared& operator=(const Shared&) = delete;

  T read(const std::source_location& where = std::source_location::current()) {
    if (detail::plain_accesses_call_backend)
      detail::backend_for(slot_.name).access(slot_, detail::AccessKind::read, where, detail::view_of(value_));
    return value_;
  }

  void write(T value, const std::source_location& where = std::source_location::current()) {
    if (detail::plain_accesses_call_backend)
      detail::backend_for(slot_.name).access(slot_, detail::AccessKind::write, where, detail::view_of(value));
    value_ = std::move(value);
  }

  std::string name() const { return slot_.name.str(); }

 private:
  T value_;
  detail::VariableSlot slot_;
};

}  // namespace interleave
