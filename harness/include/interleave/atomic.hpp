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
    detail::current_backend().access(slot_, detail::AccessKind::atomic_load, where);
    return value_.load();
  }
  void store(T value, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_store, where);
    value_.store(value);
  }
  T fetch_add(T delta, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where);
    return value_.fetch_add(delta);
  }
  T fetch_sub(T delta, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where);
    return value_.fetch_sub(delta);
  }
  T exchange(T value, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where);
    return value_.exchange(value);
  }
  bool compare_exchange(T& expected, T desired, const std::source_location& where = std::source_location::current()) {
    detail::current_backend().access(slot_, detail::AccessKind::atomic_rmw, where);
    return value_.compare_exchange_strong(expected, desired);
  }

  const std::string& name() const { return slot_.name; }

 private:
  std::atomic<T> value_;
  detail::VariableSlot slot_;
};

}  // namespace interleave
