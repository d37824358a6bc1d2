#pragma once

#include <atomic>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"

namespace interleave {

// A sequentially consistent atomic. Each operation is one indivisible step
// and a scheduling point; a load followed by a store is two steps, which is
// exactly how atomics still lose updates.
template <class T>
class Atomic {
 public:
  explicit Atomic(T initial = T{}, std::string name = "atomic") : value_(initial), slot_{std::move(name)} {}
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_load, where, current());
    return value_.load();
  }
  void store(T value, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_store, where, detail::view_of(value));
    value_.store(value);
  }
  T fetch_add(T delta, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.fetch_add(delta);
  }
  T fetch_sub(T delta, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.fetch_sub(delta);
  }
  T exchange(T value, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.exchange(value);
  }
  bool compare_exchange(T& expected, T desired, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.compare_exchange_strong(expected, desired);
  }

  const std::string& name() const { return slot_.name; }

 private:
  // What a load would return now, for the event trace.
  detail::ValueView current() const {
    return {&value_, [](const void* atomic) {
              T now = static_cast<const std::atomic<T>*>(atomic)->load();
              return detail::format_value<T>(&now);
            }};
  }

  std::atomic<T> value_;
  detail::VariableSlot slot_;
};

}  // namespace interleave
