#pragma once

// interleave::sync's condition variable and semaphores, with std's names
// and signatures. Time is the engine's: virtual under the fiber engine.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <source_location>
#include <string>
#include <utility>

#include "interleave/backend.hpp"
#include "interleave/control.hpp"
#include "interleave/sync/mutex.hpp"

namespace interleave::sync {

using std::cv_status;

class condition_variable {
 public:
  condition_variable(const std::source_location& made = std::source_location::current())
      : name_("condition_variable", made) {}
  explicit condition_variable(std::string name, const std::source_location& made = std::source_location::current())
      : name_(std::move(name), "condition_variable", made) {}
  explicit condition_variable(detail::core::ObjectName name) : name_(std::move(name)) {}
  condition_variable(condition_variable&& other) : name_(other.name_) {
    if (other.impl_.in_active_run()) detail::core::moved_in_use(other.name_);
  }
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  condition_variable& named(std::string name) {
    name_.rename(std::move(name));
    return *this;
  }

  void notify_one(const std::source_location& where = std::source_location::current()) noexcept {
    impl().notify_one(where);
  }
  void notify_all(const std::source_location& where = std::source_location::current()) noexcept {
    impl().notify_all(where);
  }

  void wait(unique_lock<mutex>& lock, const std::source_location& where = std::source_location::current()) {
    impl().wait(lock.mutex()->impl(), where);
  }
  template <class Predicate>
  void wait(unique_lock<mutex>& lock, Predicate ready,
            const std::source_location& where = std::source_location::current()) {
    while (!ready()) wait(lock, where);
  }

  template <class Rep, class Period>
  cv_status wait_for(unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& timeout,
                     const std::source_location& where = std::source_location::current()) {
    const bool notified = impl().wait_for(lock.mutex()->impl(), std::chrono::duration_cast<Duration>(timeout), where);
    return notified ? cv_status::no_timeout : cv_status::timeout;
  }
  template <class Rep, class Period, class Predicate>
  bool wait_for(unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& timeout, Predicate ready,
                const std::source_location& where = std::source_location::current()) {
    const Duration deadline = interleave::now() + std::chrono::duration_cast<Duration>(timeout);
    while (!ready()) {
      const Duration left = deadline - interleave::now();
      if (left <= Duration::zero()) return ready();
      impl().wait_for(lock.mutex()->impl(), left, where);
    }
    return true;
  }
  // A deadline on the caller's clock is the time left on it, waited for
  // on the engine's clock (virtual under the fiber engine).
  template <class Clock, class Dur>
  cv_status wait_until(unique_lock<mutex>& lock, const std::chrono::time_point<Clock, Dur>& deadline,
                       const std::source_location& where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), where);
  }
  template <class Clock, class Dur, class Predicate>
  bool wait_until(unique_lock<mutex>& lock, const std::chrono::time_point<Clock, Dur>& deadline, Predicate ready,
                  const std::source_location& where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), std::move(ready), where);
  }

 private:
  detail::core::CondVarImpl& impl() { return detail::core::in_run(impl_, name_); }

  detail::core::ObjectName name_;
  detail::core::CondVarInRun impl_;
};

// A condition variable for any lock (a shared_lock, a user's lockable): an
// inner mutex makes unlocking the user's lock and starting to wait one step
// for the notifiers, as std's implementations do.
class condition_variable_any {
  using Where = std::source_location;

 public:
  condition_variable_any(const Where& made = Where::current())
      : condition_variable_any(detail::core::ObjectName("condition_variable_any", made)) {}
  condition_variable_any(condition_variable_any&&) = default;
  condition_variable_any(const condition_variable_any&) = delete;
  condition_variable_any& operator=(const condition_variable_any&) = delete;

  condition_variable_any& named(const std::string& name) {
    inner_.named(name);
    cv_.named(name);
    return *this;
  }

  void notify_one(const Where& where = Where::current()) noexcept {
    unique_lock<mutex> hold(inner_, where);
    cv_.notify_one(where);
  }
  void notify_all(const Where& where = Where::current()) noexcept {
    unique_lock<mutex> hold(inner_, where);
    cv_.notify_all(where);
  }
  template <class Lock>
  void wait(Lock& lock, const Where& where = Where::current()) {
    unique_lock<mutex> inner(inner_, where);
    lock.unlock();
    cv_.wait(inner, where);
    inner.unlock(where);
    lock.lock();  // after the inner mutex is free: no order between the two
  }
  template <class Lock, class Predicate>
  void wait(Lock& lock, Predicate ready, const Where& where = Where::current()) {
    while (!ready()) wait(lock, where);
  }
  template <class Lock, class Rep, class Period>
  cv_status wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& timeout,
                     const Where& where = Where::current()) {
    unique_lock<mutex> inner(inner_, where);
    lock.unlock();
    const cv_status status = cv_.wait_for(inner, timeout, where);
    inner.unlock(where);
    lock.lock();
    return status;
  }

 private:
  explicit condition_variable_any(const detail::core::ObjectName& name) : inner_(name), cv_(name) {}

  mutex inner_;
  condition_variable cv_;
};

template <std::ptrdiff_t LeastMaxValue = 1'000'000>
class counting_semaphore {
 public:
  static constexpr std::ptrdiff_t max() noexcept { return LeastMaxValue; }

  explicit counting_semaphore(std::ptrdiff_t desired,
                              const std::source_location& made = std::source_location::current())
      : name_("semaphore", made), initial_(static_cast<int>(desired)) {}
  counting_semaphore(counting_semaphore&& other) : name_(other.name_), initial_(other.initial_) {
    if (other.impl_.in_active_run()) detail::core::moved_in_use(other.name_);
  }
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  counting_semaphore& named(std::string name) {
    name_.rename(std::move(name));
    return *this;
  }

  void release(std::ptrdiff_t update = 1, const std::source_location& where = std::source_location::current()) {
    impl().release(static_cast<int>(update), where);
  }
  void acquire(const std::source_location& where = std::source_location::current()) { impl().acquire(where); }
  bool try_acquire(const std::source_location& where = std::source_location::current()) noexcept {
    return impl().try_acquire(where);
  }
  template <class Rep, class Period>
  bool try_acquire_for(const std::chrono::duration<Rep, Period>& timeout,
                       const std::source_location& where = std::source_location::current()) {
    return impl().try_acquire_for(std::chrono::duration_cast<Duration>(timeout), where);
  }

 private:
  detail::core::SemaphoreImpl& impl() { return detail::core::in_run(impl_, name_, initial_); }

  detail::core::ObjectName name_;
  int initial_;
  detail::core::SemaphoreInRun impl_;
};

using binary_semaphore = counting_semaphore<1>;

}  // namespace interleave::sync
