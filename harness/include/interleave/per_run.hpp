#pragma once

// The part of a primitive that belongs to one run: its engine object (a
// mutex's owner and waiters) or, for a primitive built from others (a
// latch), its own counters. Made at the primitive's first use in each run,
// so that a primitive made before explore() (a fixture's member, a global)
// starts every schedule fresh, as one made inside the body does.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "interleave/backend.hpp"
#include "interleave/object_name.hpp"

namespace interleave::detail {

// "interleave: mutex@foo.cpp:12 used outside interleave::explore(); ...".
[[noreturn]] void throw_unbound(const ObjectName& name);
// A primitive moved while the active run uses it: the run fails, as
// std's primitives cannot move at all.
void moved_in_use(const ObjectName& name);
std::mutex& binding_mutex();

inline Backend& backend_for(const ObjectName& name) {
  if (active_backend == nullptr) [[unlikely]]
    throw_unbound(name);
  return *active_backend;
}

template <class T>
class PerRun {
 public:
  PerRun() = default;
  // Nothing moves: the moved-to primitive binds at its own first use.
  PerRun(PerRun&&) noexcept {}
  PerRun& operator=(PerRun&&) noexcept {
    value_ = T{};
    run_.store(kNever, std::memory_order_relaxed);
    return *this;
  }

  bool in_active_run() const noexcept {
    const Backend* backend = active_backend;
    return backend != nullptr && run_.load(std::memory_order_relaxed) == backend->run_id;
  }

  // This run's value, made by `fresh(backend)` at the first use in the run.
  template <class Fresh>
  T& get(const ObjectName& name, Fresh&& fresh) const {
    if (run_.load(std::memory_order_acquire) != active_run_id) [[unlikely]]
      bind(name, fresh);
    return value_;
  }

 private:
  // No run's id: run ids start at 1, and active_run_id is 0 outside a run.
  static constexpr std::uint64_t kNever = ~std::uint64_t{0};

  template <class Fresh>
  [[gnu::noinline]] void bind(const ObjectName& name, Fresh& fresh) const {
    Backend* backend_pointer = active_backend;
    if (backend_pointer == nullptr) throw_unbound(name);
    Backend& backend = *backend_pointer;
    // Tasks on real threads may use it first at once; the first binds.
    std::lock_guard<std::mutex> hold(binding_mutex());
    if (run_.load(std::memory_order_relaxed) == backend.run_id) return;
    value_ = fresh(backend);
    run_.store(backend.run_id, std::memory_order_release);
  }

  mutable std::atomic<std::uint64_t> run_{kNever};
  mutable T value_{};
};

// The engine objects of this run for a primitive named `name`.
using MutexInRun = PerRun<std::unique_ptr<MutexImpl>>;
using CondVarInRun = PerRun<std::unique_ptr<CondVarImpl>>;
using SemaphoreInRun = PerRun<std::unique_ptr<SemaphoreImpl>>;

inline MutexImpl& in_run(const MutexInRun& impl, const ObjectName& name) {
  return *impl.get(name, [&name](Backend& backend) { return backend.make_mutex(name); });
}
inline CondVarImpl& in_run(const CondVarInRun& impl, const ObjectName& name) {
  return *impl.get(name, [&name](Backend& backend) { return backend.make_condvar(name); });
}
inline SemaphoreImpl& in_run(const SemaphoreInRun& impl, const ObjectName& name, int initial) {
  return *impl.get(name, [&name, initial](Backend& backend) { return backend.make_semaphore(name, initial); });
}

// Whether the active run has accessed `slot` (as far as its engine marks accesses).
inline bool in_active_run(const VariableSlot& slot) noexcept {
  const Backend* backend = active_backend;
  return backend != nullptr && slot.run == backend->run_id;
}

}  // namespace interleave::detail
