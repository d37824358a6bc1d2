#pragma once

#include <atomic>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/per_run.hpp"

namespace interleave {

// A sequentially consistent atomic. Each operation is one indivisible step
// and a scheduling point; a load followed by a store is two steps, which is
// exactly how atomics still lose updates.
template <class T>
class Atomic {
 public:
  Atomic(const std::source_location& made = std::source_location::current())
      : value_(T{}), slot_{detail::ObjectName("atomic", made)} {}
  explicit Atomic(T initial, std::string name = {}, const std::source_location& made = std::source_location::current())
      : value_(initial),
        slot_{name.empty() ? detail::ObjectName("atomic", made) : detail::ObjectName(std::move(name), "atomic", made)} {
  }
  // Before its first use in a run only (a container's elements).
  Atomic(Atomic&& other) : value_(other.value_.load()), slot_{other.slot_.name} {
    if (detail::in_active_run(other.slot_)) detail::moved_in_use(other.slot_.name);
  }
  Atomic& operator=(const Atomic&) = delete;

  T load(const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_load, where, current());
    return value_.load();
  }
  void store(T value, const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_store, where, detail::view_of(value));
    value_.store(value);
  }
  T fetch_add(T delta, const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.fetch_add(delta);
  }
  T fetch_sub(T delta, const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.fetch_sub(delta);
  }
  T exchange(T value, const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.exchange(value);
  }
  bool compare_exchange(T& expected, T desired, const std::source_location& where = std::source_location::current()) {
    detail::backend_for(slot_.name).access(slot_, detail::AccessKind::atomic_rmw, where, current());
    return value_.compare_exchange_strong(expected, desired);
  }

  std::string name() const { return slot_.name.str(); }

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
