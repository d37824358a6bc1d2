#pragma once

// interleave::sync::shared<T>: a plain, unsynchronized variable that reads
// like a value (conversion, assignment, compound assignment), so that
// `count += 1` needs no rewrite, while the race detector sees every access.
// Production code spells it `T` (e.g. `template <class T> using shared = T;`
// in its own std-side header).

#include <concepts>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "interleave/backend.hpp"
#include "interleave/sync/mutex.hpp"
#include "interleave/sync/operand.hpp"

namespace interleave::sync {

template <class T>
class shared {
  using Where = std::source_location;

 public:
  shared(const Where& made = Where::current()) : value_{}, slot_{detail::core::ObjectName("shared", made)} {}
  shared(T initial, const Where& made = Where::current())
      : value_(std::move(initial)), slot_{detail::core::ObjectName("shared", made)} {}
  // Before its first use in a run only (a container's elements).
  shared(shared&& other) : value_(std::move(other.value_)), slot_{other.slot_.name} {
    if (detail::core::in_active_run(other.slot_)) detail::core::moved_in_use(other.slot_.name);
  }
  shared(const shared&) = delete;

  // A name for messages and timelines ("slots[3]").
  shared& named(std::string name) {
    slot_.name.rename(std::move(name));
    return *this;
  }

  T get(const Where& where = Where::current()) const {
    see(interleave::detail::AccessKind::read, where, interleave::detail::view_of(value_));
    return value_;
  }
  void set(T value, const Where& where = Where::current()) {
    see(interleave::detail::AccessKind::write, where, interleave::detail::view_of(value));
    value_ = std::move(value);
  }

  // Reads by conversion, ++ and -- have no operand to carry the caller's
  // line; their events name this header (get() and set() name the line).
  operator T() const { return get(); }
  shared& operator=(detail::operand<T> value) {
    set(std::move(value.value), value.where);
    return *this;
  }
  // Another shared is read, then this one written. (The copy assignment
  // is declared for a volatile source, which a converted temporary cannot
  // bind to, so that `count = 5` is not also found through the converting
  // constructor: it is the assignment of a value above.)
  template <class Other>
    requires std::same_as<std::remove_cvref_t<Other>, shared>
  shared& operator=(Other&& other) {
    return *this = other.get();
  }
  shared& operator=(const volatile shared&) = delete;
  // A read, then a write: two accesses, as the compiled code makes them.
  shared& operator+=(detail::operand<T> arg) {
    return update(arg, [](T now, T& by) { return now + by; });
  }
  shared& operator-=(detail::operand<T> arg) {
    return update(arg, [](T now, T& by) { return now - by; });
  }
  shared& operator*=(detail::operand<T> arg) {
    return update(arg, [](T now, T& by) { return now * by; });
  }
  shared& operator/=(detail::operand<T> arg) {
    return update(arg, [](T now, T& by) { return now / by; });
  }
  shared& operator++() { return *this += T(1); }
  T operator++(int) {
    T old = get();
    set(old + T(1));
    return old;
  }
  shared& operator--() { return *this -= T(1); }
  T operator--(int) {
    T old = get();
    set(old - T(1));
    return old;
  }

 private:
  template <class Combine>
  shared& update(detail::operand<T>& arg, Combine combine) {
    set(combine(get(arg.where), arg.value), arg.where);
    return *this;
  }
  void see(interleave::detail::AccessKind kind, const Where& where, interleave::detail::ValueView view) const {
    if (interleave::detail::plain_accesses_call_backend)
      detail::core::backend_for(slot_.name).access(slot_, kind, where, view);
  }

  T value_;
  mutable interleave::detail::VariableSlot slot_;
};

}  // namespace interleave::sync
