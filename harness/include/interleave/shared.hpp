#pragma once

#include <source_location>
#include <string>
#include <utility>

#include "interleave/backend.hpp"

namespace interleave {

// A plain, unsynchronized variable whose every access the harness sees. Under
// the fiber engine each read and write goes through the race detector (and,
// with race detection off, is a scheduling point); under the threads engine
// it is an ordinary memory access, so ThreadSanitizer sees the real race.
template <class T>
class Shared {
 public:
  explicit Shared(T initial = T{}, std::string name = "shared") : value_(std::move(initial)), slot_{std::move(name)} {}
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;

  T read(const std::source_location& where = std::source_location::current()) {
    if (detail::plain_accesses_call_backend)
      detail::current_backend().access(slot_, detail::AccessKind::read, where, detail::view_of(value_));
    return value_;
  }

  void write(T value, const std::source_location& where = std::source_location::current()) {
    if (detail::plain_accesses_call_backend)
      detail::current_backend().access(slot_, detail::AccessKind::write, where, detail::view_of(value));
    value_ = std::move(value);
  }

  const std::string& name() const { return slot_.name; }

 private:
  T value_;
  detail::VariableSlot slot_;
};

}  // namespace interleave
