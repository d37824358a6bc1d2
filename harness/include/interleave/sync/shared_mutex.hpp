#pragma once

// interleave::sync's shared_mutex, shared_lock and timed_mutex, built from
// sync::mutex and sync::condition_variable. Who holds them belongs to the
// run, as a mutex's owner does: each run starts with them free.

#include <chrono>
#include <source_location>
#include <string>
#include <utility>

#include "interleave/per_run.hpp"
#include "interleave/sync/condition_variable.hpp"
#include "interleave/sync/mutex.hpp"

namespace interleave::sync {

// Writers wait for readers to leave and readers wait while a writer holds
// it; a waiting writer does not stop new readers (no writer preference).
class shared_mutex {
  using Where = std::source_location;

 public:
  shared_mutex(const Where& made = Where::current()) : shared_mutex(detail::core::ObjectName("shared_mutex", made)) {}
  shared_mutex(shared_mutex&&) = default;
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  shared_mutex& named(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    changed_.named(name);
    return *this;
  }

  void lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    while (held().writer || held().readers > 0) changed_.wait(hold, where);
    held().writer = true;
  }
  bool try_lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    if (held().writer || held().readers > 0) return false;
    held().writer = true;
    return true;
  }
  void unlock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    held().writer = false;
    changed_.notify_all(where);
  }
  void lock_shared(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    while (held().writer) changed_.wait(hold, where);
    ++held().readers;
  }
  bool try_lock_shared(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    if (held().writer) return false;
    ++held().readers;
    return true;
  }
  void unlock_shared(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    if (--held().readers == 0) changed_.notify_all(where);
  }

 private:
  struct Held {
    bool writer = false;
    int readers = 0;
  };

  explicit shared_mutex(const detail::core::ObjectName& name) : name_(name), mutex_(name), changed_(name) {}
  Held& held() {  // under mutex_
    return held_.get(name_, [](detail::core::Backend&) { return Held{}; });
  }

  detail::core::ObjectName name_;
  mutex mutex_;
  condition_variable changed_;
  detail::core::PerRun<Held> held_;
};

template <class Mutex>
class shared_lock {
  using Where = std::source_location;

 public:
  using mutex_type = Mutex;
  shared_lock() noexcept = default;
  explicit shared_lock(Mutex& m, const Where& where = Where::current()) : mutex_(&m), owns_(true), where_(where) {
    m.lock_shared(where);
  }
  shared_lock(Mutex& m, defer_lock_t) noexcept : mutex_(&m) {}
  shared_lock(Mutex& m, try_to_lock_t, const Where& where = Where::current())
      : mutex_(&m), owns_(m.try_lock_shared(where)), where_(where) {}
  shared_lock(Mutex& m, adopt_lock_t, const Where& where = Where::current()) : mutex_(&m), owns_(true), where_(where) {}
  ~shared_lock() {
    if (owns_) detail::unlock_quietly([&] { mutex_->unlock_shared(where_); });
  }
  shared_lock(const shared_lock&) = delete;
  shared_lock& operator=(const shared_lock&) = delete;
  shared_lock(shared_lock&& other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)), owns_(std::exchange(other.owns_, false)), where_(other.where_) {}
  shared_lock& operator=(shared_lock&& other) noexcept {
    if (this != &other) {
      if (owns_) detail::unlock_quietly([&] { mutex_->unlock_shared(where_); });
      mutex_ = std::exchange(other.mutex_, nullptr);
      owns_ = std::exchange(other.owns_, false);
      where_ = other.where_;
    }
    return *this;
  }

  void lock(const Where& where = Where::current()) {
    mutex_->lock_shared(where);
    owns_ = true;
    where_ = where;
  }
  bool try_lock(const Where& where = Where::current()) {
    owns_ = mutex_->try_lock_shared(where);
    where_ = where;
    return owns_;
  }
  void unlock(const Where& where = Where::current()) {
    mutex_->unlock_shared(where);
    owns_ = false;
  }
  Mutex* release() noexcept {
    owns_ = false;
    return std::exchange(mutex_, nullptr);
  }
  bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  Mutex* mutex() const noexcept { return mutex_; }

 private:
  Mutex* mutex_ = nullptr;
  bool owns_ = false;
  Where where_;
};

// A mutex whose lock can give up after a while (engine time: virtual under
// the fiber engine).
class timed_mutex {
  using Where = std::source_location;

 public:
  timed_mutex(const Where& made = Where::current()) : timed_mutex(detail::core::ObjectName("timed_mutex", made)) {}
  timed_mutex(timed_mutex&&) = default;
  timed_mutex(const timed_mutex&) = delete;
  timed_mutex& operator=(const timed_mutex&) = delete;

  timed_mutex& named(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    released_.named(name);
    return *this;
  }

  void lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    while (locked()) released_.wait(hold, where);
    locked() = true;
  }
  bool try_lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    return !std::exchange(locked(), true);
  }
  template <class Rep, class Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout, const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    if (!released_.wait_for(hold, timeout, [&] { return !locked(); }, where)) return false;
    locked() = true;
    return true;
  }
  void unlock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    locked() = false;
    released_.notify_one(where);
  }

 private:
  explicit timed_mutex(const detail::core::ObjectName& name) : name_(name), mutex_(name), released_(name) {}
  bool& locked() {  // under mutex_
    return locked_.get(name_, [](detail::core::Backend&) { return false; });
  }

  detail::core::ObjectName name_;
  mutex mutex_;
  condition_variable released_;
  detail::core::PerRun<bool> locked_;
};

}  // namespace interleave::sync
