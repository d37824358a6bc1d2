#pragma once

// interleave::sync's latch, barrier and call_once, built from sync::mutex
// and sync::condition_variable: their scheduling points are those of the
// mutex and condition variable inside.

#include <cstddef>
#include <exception>
#include <functional>
#include <source_location>
#include <string>
#include <utility>

#include "interleave/sync/condition_variable.hpp"
#include "interleave/sync/mutex.hpp"

namespace interleave::sync {

class latch {
  using Where = std::source_location;

 public:
  explicit latch(std::ptrdiff_t expected, const Where& made = Where::current())
      : count_(expected), mutex_(detail::name_at("latch", made)), zero_(detail::name_at("latch", made)) {}
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  void count_down(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    count_ -= n;
    if (count_ <= 0) zero_.notify_all(where);
  }
  bool try_wait(const Where& where = Where::current()) const noexcept {
    unique_lock<mutex> lock(mutex_, where);
    return count_ <= 0;
  }
  void wait(const Where& where = Where::current()) const {
    unique_lock<mutex> lock(mutex_, where);
    while (count_ > 0) zero_.wait(lock, where);
  }
  void arrive_and_wait(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    count_ -= n;
    if (count_ <= 0) zero_.notify_all(where);
    while (count_ > 0) zero_.wait(lock, where);
  }

 private:
  std::ptrdiff_t count_;  // under mutex_
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
      : expected_(expected),
        left_(expected),
        completion_(std::move(completion)),
        mutex_(detail::name_at("barrier", made)),
        next_phase_(detail::name_at("barrier", made)) {}
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t n = 1, const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    const arrival_token token(phase_);
    left_ -= n;
    if (left_ <= 0) complete_phase(where);
    return token;
  }
  void wait(arrival_token&& token, const Where& where = Where::current()) const {
    unique_lock<mutex> lock(mutex_, where);
    while (phase_ == token.phase_) next_phase_.wait(lock, where);
  }
  void arrive_and_wait(const Where& where = Where::current()) { wait(arrive(1, where), where); }
  void arrive_and_drop(const Where& where = Where::current()) {
    unique_lock<mutex> lock(mutex_, where);
    --expected_;
    if (--left_ <= 0) complete_phase(where);
  }

 private:
  void complete_phase(const Where& where) {  // under mutex_
    completion_();
    left_ = expected_;
    ++phase_;
    next_phase_.notify_all(where);
  }

  std::ptrdiff_t expected_, left_;  // under mutex_
  std::size_t phase_ = 0;           // under mutex_
  CompletionFunction completion_;
  mutable mutex mutex_;
  mutable condition_variable next_phase_;
};

class once_flag {
 public:
  once_flag() noexcept = default;
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

 private:
  template <class Callable, class... Args>
  friend void call_once(once_flag& flag, Callable&& f, Args&&... args);
  mutex mutex_{std::string("once_flag")};
  bool done_ = false;  // under mutex_
};

// As std::call_once: one call runs, the others wait for it; a call that
// throws leaves the flag unset for the next.
template <class Callable, class... Args>
void call_once(once_flag& flag, Callable&& f, Args&&... args) {
  unique_lock<mutex> lock(flag.mutex_);
  if (flag.done_) return;
  std::invoke(std::forward<Callable>(f), std::forward<Args>(args)...);
  flag.done_ = true;
}

}  // namespace interleave::sync
