#pragma once

// interleave::sync's latch, barrier and call_once, built from sync::mutex
// and sync::condition_variable: their scheduling points are those of the
// mutex and condition variable inside. Their counters belong to the run,
// as the mutex does: each run starts with the counts they were made with.

#include <cstddef>
#include <exception>
#include <functional>
#include <source_location>
#include <string>
#include <utility>

#include "interleave/per_run.hpp"
#include "interleave/sync/condition_variable.hpp"
#include "interleave/sync/mutex.hpp"

namespace interleave::sync {

class latch {
  using Where = std::source_location;

 public:
  explicit latch(std::ptrdiff_t expected, const Where& made = Where::current())
      : latch(expected, detail::core::ObjectName("latch", made)) {}
  latch(latch&&) = default;
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  latch& named(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    zero_.named(name);
    return *this;
  }

  void count_down(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    if ((count() -= n) <= 0) zero_.notify_all(where);
  }
  bool try_wait(const Where& where = Where::current()) const noexcept {
    unique_lock<mutex> lock(mutex_, where);
    return count() <= 0;
  }
  void wait(const Where& where = Where::current()) const {
    unique_lock<mutex> lock(mutex_, where);
    while (count() > 0) zero_.wait(lock, where);
  }
  void arrive_and_wait(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    if ((count() -= n) <= 0) zero_.notify_all(where);
    while (count() > 0) zero_.wait(lock, where);
  }

 private:
  latch(std::ptrdiff_t expected, const detail::core::ObjectName& name)
      : expected_(expected), name_(name), mutex_(name), zero_(name) {}
  std::ptrdiff_t& count() const {  // under mutex_
    return count_.get(name_, [this](detail::core::Backend&) { return expected_; });
  }

  std::ptrdiff_t expected_;
  detail::core::ObjectName name_;
  detail::core::PerRun<std::ptrdiff_t> count_;
  mutable mutex mutex_;
  mutable condition_variable zero_;
};

// A reusable barrier; the completion function runs once a phase, in the
// last thread to arrive, before any is released.
template <class CompletionFunction = void (*)() noexcept>
class barrier {
  using Where = std::source_location;

 public:
  class arrival_token {
    friend class barrier;
    explicit arrival_token(std::size_t phase) : phase_(phase) {}
    std::size_t phase_;
  };

  explicit barrier(
      std::ptrdiff_t expected, CompletionFunction completion = []() noexcept {}, const Where& made = Where::current())
      : barrier(expected, std::move(completion), detail::core::ObjectName("barrier", made)) {}
  barrier(barrier&&) = default;
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  barrier& named(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    next_phase_.named(name);
    return *this;
  }

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    Phase& now = phase();
    const arrival_token token(now.number);
    now.left -= n;
    if (now.left <= 0) complete_phase(now, where);
    return token;
  }
  void wait(arrival_token&& token, const Where& where = Where::current()) const {
    unique_lock<mutex> lock(mutex_, where);
    while (phase().number == token.phase_) next_phase_.wait(lock, where);
  }
  void arrive_and_wait(const Where& where = Where::current()) { wait(arrive(1, where), where); }
  void arrive_and_drop(const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    Phase& now = phase();
    --now.expected;
    if (--now.left <= 0) complete_phase(now, where);
  }

 private:
  struct Phase {
    std::ptrdiff_t expected = 0, left = 0;
    std::size_t number = 0;
  };

  barrier(std::ptrdiff_t expected, CompletionFunction completion, const detail::core::ObjectName& name)
      : expected_(expected), completion_(std::move(completion)), name_(name), mutex_(name), next_phase_(name) {}
  Phase& phase() const {  // under mutex_
    return phase_.get(name_, [this](detail::core::Backend&) { return Phase{expected_, expected_, 0}; });
  }
  void complete_phase(Phase& now, const Where& where) {  // under mutex_
    completion_();
    now.left = now.expected;
    ++now.number;
    next_phase_.notify_all(where);
  }

  std::ptrdiff_t expected_;  // as made: each run starts from it
  CompletionFunction completion_;
  detail::core::ObjectName name_;
  detail::core::PerRun<Phase> phase_;
  mutable mutex mutex_;
  mutable condition_variable next_phase_;
};

// Set once per run: a global once_flag lets call_once run again in the
// next schedule, as a fresh start of the program would.
class once_flag {
 public:
  once_flag(const std::source_location& made = std::source_location::current()) noexcept
      : name_("once_flag", made), mutex_(name_) {}
  once_flag(once_flag&&) = default;
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

  once_flag& named(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    return *this;
  }

 private:
  template <class Callable, class... Args>
  friend void call_once(once_flag& flag, Callable&& f, Args&&... args);
  bool& done() {  // under mutex_
    return done_.get(name_, [](detail::core::Backend&) { return false; });
  }

  detail::core::ObjectName name_;
  mutex mutex_;
  detail::core::PerRun<bool> done_;
};

// As std::call_once: one call runs, the others wait for it; a call that
// throws leaves the flag unset for the next.
template <class Callable, class... Args>
void call_once(once_flag& flag, Callable&& f, Args&&... args) {
  unique_lock<mutex> lock(flag.mutex_);
  if (flag.done()) return;
  std::invoke(std::forward<Callable>(f), std::forward<Args>(args)...);
  flag.done() = true;
}

}  // namespace interleave::sync
