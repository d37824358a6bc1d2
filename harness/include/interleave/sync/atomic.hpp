#pragma once

// interleave::sync::atomic<T>, with std::atomic's members. Each operation
// is one indivisible step and a scheduling point. The memory_order
// parameters are accepted and, for now, every operation is seq_cst.
// compare_exchange_weak may also fail spuriously (see there).

#include <atomic>
#include <cstddef>
#include <cstring>
#include <source_location>
#include <string>
#include <type_traits>

#include "interleave/backend.hpp"
#include "interleave/control.hpp"
#include "interleave/sync/mutex.hpp"
#include "interleave/sync/operand.hpp"

namespace interleave::sync {

using std::memory_order;
using std::memory_order_acq_rel;
using std::memory_order_acquire;
using std::memory_order_consume;
using std::memory_order_relaxed;
using std::memory_order_release;
using std::memory_order_seq_cst;

template <class T>
class atomic {
  static_assert(std::is_trivially_copyable_v<T>, "atomic<T> needs a trivially copyable T, as std::atomic does");
  using Where = std::source_location;

 public:
  using value_type = T;
  static constexpr bool is_always_lock_free = std::atomic<T>::is_always_lock_free;

  atomic(const Where& made = Where::current()) noexcept
      : value_(T{}), slot_{detail::core::ObjectName("atomic", made)} {}
  atomic(T desired, const Where& made = Where::current()) noexcept
      : value_(desired), slot_{detail::core::ObjectName("atomic", made)} {}
  // For a type built on it (atomic_flag): its own kind of name.
  atomic(T desired, detail::core::ObjectName name) noexcept : value_(desired), slot_{std::move(name)} {}
  // Before its first use in a run only (a container's elements).
  atomic(atomic&& other) : value_(other.value_.load()), slot_{other.slot_.name} {
    if (detail::core::in_active_run(other.slot_)) detail::core::moved_in_use(other.slot_.name);
  }
  atomic(const atomic&) = delete;
  // Not assignable from another atomic, as std's. Declared for a volatile
  // source so that `flag = true` does not also find it through the
  // converting constructor (a temporary cannot bind to it) and is not
  // ambiguous with the assignment of a value below.
  atomic& operator=(const volatile atomic&) = delete;

  // A name for messages and timelines ("head", "slots[3]").
  atomic& named(std::string name) {
    slot_.name.rename(std::move(name));
    return *this;
  }

  T load(memory_order = memory_order_seq_cst, const Where& where = Where::current()) const {
    see(interleave::detail::AccessKind::atomic_load, where);
    return value_.load();
  }
  void store(T desired, memory_order = memory_order_seq_cst, const Where& where = Where::current()) {
    detail::core::backend_for(slot_.name)
        .access(slot_, interleave::detail::AccessKind::atomic_store, where, interleave::detail::view_of(desired));
    value_.store(desired);
  }
  T exchange(T desired, memory_order = memory_order_seq_cst, const Where& where = Where::current()) {
    rmw(where);
    return value_.exchange(desired);
  }
  bool compare_exchange_strong(T& expected, T desired, memory_order = memory_order_seq_cst,
                               const Where& where = Where::current()) {
    rmw(where);
    return value_.compare_exchange_strong(expected, desired);
  }
  bool compare_exchange_strong(T& expected, T desired, memory_order, memory_order,
                               const Where& where = Where::current()) {
    return compare_exchange_strong(expected, desired, memory_order_seq_cst, where);
  }
  // May fail although the values compare equal, as std's may: on the fiber
  // engine a decision it explores (from the spurious-wakeup budget).
  bool compare_exchange_weak(T& expected, T desired, memory_order = memory_order_seq_cst,
                             const Where& where = Where::current()) {
    rmw(where);
    const T current = value_.load();
    if (std::memcmp(&current, &expected, sizeof(T)) == 0 &&
        interleave::detail::current_backend().fails_spuriously(where))
      return false;  // `expected` already holds the current value
    return value_.compare_exchange_strong(expected, desired);
  }
  bool compare_exchange_weak(T& expected, T desired, memory_order, memory_order,
                             const Where& where = Where::current()) {
    return compare_exchange_weak(expected, desired, memory_order_seq_cst, where);
  }

  T fetch_add(T arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    rmw(where);
    return value_.fetch_add(arg);
  }
  T fetch_sub(T arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    rmw(where);
    return value_.fetch_sub(arg);
  }
  T fetch_and(T arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    rmw(where);
    return value_.fetch_and(arg);
  }
  T fetch_or(T arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    rmw(where);
    return value_.fetch_or(arg);
  }
  T fetch_xor(T arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    rmw(where);
    return value_.fetch_xor(arg);
  }

  // A pointer moves in units of what it points to, as std::atomic<T*>'s does.
  T fetch_add(std::ptrdiff_t arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_pointer_v<T>)
  {
    rmw(where);
    return value_.fetch_add(arg);
  }
  T fetch_sub(std::ptrdiff_t arg, memory_order = memory_order_seq_cst, const Where& where = Where::current())
    requires(std::is_pointer_v<T>)
  {
    rmw(where);
    return value_.fetch_sub(arg);
  }
  T operator++()
    requires(std::is_pointer_v<T>)
  {
    return fetch_add(1) + 1;
  }
  T operator++(int)
    requires(std::is_pointer_v<T>)
  {
    return fetch_add(1);
  }
  T operator--()
    requires(std::is_pointer_v<T>)
  {
    return fetch_sub(1) - 1;
  }
  T operator--(int)
    requires(std::is_pointer_v<T>)
  {
    return fetch_sub(1);
  }
  T operator+=(detail::operand<std::ptrdiff_t> arg)
    requires(std::is_pointer_v<T>)
  {
    return fetch_add(arg.value, memory_order_seq_cst, arg.where) + arg.value;
  }
  T operator-=(detail::operand<std::ptrdiff_t> arg)
    requires(std::is_pointer_v<T>)
  {
    return fetch_sub(arg.value, memory_order_seq_cst, arg.where) - arg.value;
  }

  // Assignment and compound assignment carry the caller's line in their
  // operand (sync/operand.hpp). A read by conversion, ++ and -- have none:
  // their events name this header; load() and fetch_add() name the line.
  operator T() const { return load(); }
  T operator=(detail::operand<T> desired) {
    store(desired.value, memory_order_seq_cst, desired.where);
    return desired.value;
  }
  T operator++()
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_add(1) + 1;
  }
  T operator++(int)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_add(1);
  }
  T operator--()
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_sub(1) - 1;
  }
  T operator--(int)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_sub(1);
  }
  T operator+=(detail::operand<T> arg)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_add(arg.value, memory_order_seq_cst, arg.where) + arg.value;
  }
  T operator-=(detail::operand<T> arg)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_sub(arg.value, memory_order_seq_cst, arg.where) - arg.value;
  }
  T operator&=(detail::operand<T> arg)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_and(arg.value, memory_order_seq_cst, arg.where) & arg.value;
  }
  T operator|=(detail::operand<T> arg)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_or(arg.value, memory_order_seq_cst, arg.where) | arg.value;
  }
  T operator^=(detail::operand<T> arg)
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  {
    return fetch_xor(arg.value, memory_order_seq_cst, arg.where) ^ arg.value;
  }

  bool is_lock_free() const noexcept { return value_.is_lock_free(); }

  // Blocks while the value equals `old`: a loop of loads, each a
  // scheduling point that tells the engine this thread cannot go on yet.
  void wait(T old, memory_order = memory_order_seq_cst, const Where& where = Where::current()) const {
    while (load(memory_order_seq_cst, where) == old) interleave::yield_point(where);
  }
  // A waiter sees the new value at its next load: nothing to wake.
  void notify_one() noexcept {}
  void notify_all() noexcept {}

 private:
  void see(interleave::detail::AccessKind kind, const Where& where) const {
    detail::core::backend_for(slot_.name).access(slot_, kind, where, current());
  }
  void rmw(const Where& where) { see(interleave::detail::AccessKind::atomic_rmw, where); }
  interleave::detail::ValueView current() const {
    return {&value_, [](const void* atomic) {
              T now = static_cast<const std::atomic<T>*>(atomic)->load();
              return interleave::detail::format_value<T>(&now);
            }};
  }

  std::atomic<T> value_;
  mutable interleave::detail::VariableSlot slot_;
};

class atomic_flag {
  using Where = std::source_location;

 public:
  atomic_flag(const Where& made = Where::current()) noexcept
      : flag_(false, detail::core::ObjectName("atomic_flag", made)) {}
  atomic_flag(atomic_flag&&) = default;
  atomic_flag(const atomic_flag&) = delete;
  atomic_flag& operator=(const atomic_flag&) = delete;

  atomic_flag& named(std::string name) {
    flag_.named(std::move(name));
    return *this;
  }

  bool test_and_set(memory_order order = memory_order_seq_cst, const Where& where = Where::current()) {
    return flag_.exchange(true, order, where);
  }
  void clear(memory_order order = memory_order_seq_cst, const Where& where = Where::current()) {
    flag_.store(false, order, where);
  }
  bool test(memory_order order = memory_order_seq_cst, const Where& where = Where::current()) const {
    return flag_.load(order, where);
  }
  void wait(bool old, memory_order order = memory_order_seq_cst, const Where& where = Where::current()) const {
    flag_.wait(old, order, where);
  }
  void notify_one() noexcept {}
  void notify_all() noexcept {}

 private:
  atomic<bool> flag_;
};

// Every operation is sequentially consistent until the memory model gives
// orders their meaning: a fence adds nothing yet.
inline void atomic_thread_fence(memory_order) noexcept {}
inline void atomic_signal_fence(memory_order) noexcept {}

}  // namespace interleave::sync
