#pragma once

// interleave::sync's mutexes and locks, with std's names and signatures.

#include <memory>
#include <mutex>
#include <source_location>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

#include "interleave/backend.hpp"
#include "interleave/object_name.hpp"
#include "interleave/per_run.hpp"

namespace interleave::sync {

using std::adopt_lock;
using std::adopt_lock_t;
using std::defer_lock;
using std::defer_lock_t;
using std::try_to_lock;
using std::try_to_lock_t;

namespace detail {

// A lock's destructor unlocks; the unlock of a mutex built from others (a
// shared_mutex) takes their lock, which throws to unwind the task when the
// schedule is being abandoned. A destructor must not throw: the task
// unwinds at its next operation instead.
template <class Unlock>
void unlock_quietly(Unlock&& unlock) noexcept {
  try {
    unlock();
  } catch (const interleave::detail::AbortSchedule&) {
  }
}

namespace core = interleave::detail;

}  // namespace detail

class condition_variable;

// Every sync primitive is bound to a run at its first use in it, not made:
// one made before explore() (a fixture's member, a global) starts each
// schedule fresh, as one made in the body does. It is named by where it was
// made ("mutex@queue.cpp:12", "[3]" when several were made there in the
// run), or by named(). It may move until its first use in a run (a
// container's elements); std's cannot move at all.
class mutex {
 public:
  mutex(const std::source_location& made = std::source_location::current()) : name_("mutex", made) {}
  explicit mutex(std::string name, const std::source_location& made = std::source_location::current())
      : name_(std::move(name), "mutex", made) {}
  // For a primitive built from mutexes: shares its name.
  explicit mutex(detail::core::ObjectName name) : name_(std::move(name)) {}
  mutex(mutex&& other) : name_(other.name_) {
    if (other.impl_.in_active_run()) detail::core::moved_in_use(other.name_);
  }
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  // A name for messages and timelines ("forks[3]").
  mutex& named(std::string name) {
    name_.rename(std::move(name));
    return *this;
  }

  void lock(const std::source_location& where = std::source_location::current()) { impl().lock(where); }
  bool try_lock(const std::source_location& where = std::source_location::current()) { return impl().try_lock(where); }
  void unlock(const std::source_location& where = std::source_location::current()) { impl().unlock(where); }

 private:
  friend class condition_variable;
  detail::core::MutexImpl& impl() { return detail::core::in_run(impl_, name_); }

  detail::core::ObjectName name_;
  detail::core::MutexInRun impl_;
};

template <class Mutex>
class lock_guard {
 public:
  using mutex_type = Mutex;
  explicit lock_guard(Mutex& m, const std::source_location& where = std::source_location::current())
      : mutex_(m), where_(where) {
    mutex_.lock(where);
  }
  lock_guard(Mutex& m, adopt_lock_t, const std::source_location& where = std::source_location::current())
      : mutex_(m), where_(where) {}
  // The unlock at the end of the scope is reported at the line that locked.
  ~lock_guard() {
    detail::unlock_quietly([&] { mutex_.unlock(where_); });
  }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  Mutex& mutex_;
  std::source_location where_;
};

template <class Mutex>
class unique_lock {
 public:
  using mutex_type = Mutex;
  unique_lock() noexcept = default;
  explicit unique_lock(Mutex& m, const std::source_location& where = std::source_location::current()) : mutex_(&m) {
    lock(where);
  }
  unique_lock(Mutex& m, defer_lock_t) noexcept : mutex_(&m) {}
  unique_lock(Mutex& m, try_to_lock_t, const std::source_location& where = std::source_location::current())
      : mutex_(&m) {
    owns_ = mutex_->try_lock(where);
  }
  unique_lock(Mutex& m, adopt_lock_t, const std::source_location& where = std::source_location::current()) noexcept
      : mutex_(&m), owns_(true), where_(where) {}
  // An unlock at the end of the scope is reported at the line that locked.
  ~unique_lock() {
    if (owns_) detail::unlock_quietly([&] { mutex_->unlock(where_); });
  }
  unique_lock(const unique_lock&) = delete;
  unique_lock& operator=(const unique_lock&) = delete;
  unique_lock(unique_lock&& other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)), owns_(std::exchange(other.owns_, false)), where_(other.where_) {}
  unique_lock& operator=(unique_lock&& other) noexcept {
    if (this != &other) {
      if (owns_) detail::unlock_quietly([&] { mutex_->unlock(where_); });
      mutex_ = std::exchange(other.mutex_, nullptr);
      owns_ = std::exchange(other.owns_, false);
      where_ = other.where_;
    }
    return *this;
  }

  void lock(const std::source_location& where = std::source_location::current()) {
    check_can_lock();
    mutex_->lock(where);
    owns_ = true;
    where_ = where;
  }
  bool try_lock(const std::source_location& where = std::source_location::current()) {
    check_can_lock();
    owns_ = mutex_->try_lock(where);
    where_ = where;
    return owns_;
  }
  void unlock(const std::source_location& where = std::source_location::current()) {
    if (!owns_)
      throw std::system_error(std::make_error_code(std::errc::operation_not_permitted), "unique_lock::unlock");
    mutex_->unlock(where);
    owns_ = false;
  }
  Mutex* release() noexcept {
    owns_ = false;
    return std::exchange(mutex_, nullptr);
  }
  void swap(unique_lock& other) noexcept {
    std::swap(mutex_, other.mutex_);
    std::swap(owns_, other.owns_);
    std::swap(where_, other.where_);
  }
  bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  Mutex* mutex() const noexcept { return mutex_; }

 private:
  void check_can_lock() const {
    if (mutex_ == nullptr)
      throw std::system_error(std::make_error_code(std::errc::operation_not_permitted), "unique_lock: no mutex");
    if (owns_)
      throw std::system_error(std::make_error_code(std::errc::resource_deadlock_would_occur),
                              "unique_lock: already locked");
  }

  Mutex* mutex_ = nullptr;
  bool owns_ = false;
  std::source_location where_;  // of the last lock: where the destructor's unlock is reported
};

namespace detail {

// std::lock's way to take several mutexes without deadlocking: take one,
// try the others, and on a failure release all and start from the one that
// failed. Every try is a scheduling point, so the backing off is explored.
template <class... Mutexes>
void lock_all(const std::source_location& where, Mutexes&... mutexes) {
  constexpr std::size_t n = sizeof...(Mutexes);
  auto lock_at = [&](std::size_t i) {
    std::size_t k = 0;
    ((k++ == i ? mutexes.lock(where) : void()), ...);
  };
  auto try_at = [&](std::size_t i) {
    std::size_t k = 0;
    bool got = false;
    ((k++ == i ? void(got = mutexes.try_lock(where)) : void()), ...);
    return got;
  };
  auto unlock_at = [&](std::size_t i) {
    std::size_t k = 0;
    ((k++ == i ? mutexes.unlock(where) : void()), ...);
  };
  std::size_t first = 0;
  for (;;) {
    lock_at(first);
    std::size_t failed = n;
    for (std::size_t step = 1; step < n; ++step) {
      const std::size_t i = (first + step) % n;
      if (!try_at(i)) {
        failed = i;
        for (std::size_t back = 0; back < step; ++back) unlock_at((first + back) % n);
        break;
      }
    }
    if (failed == n) return;
    first = failed;
  }
}

}  // namespace detail

template <class L1, class L2, class... Ln>
void lock(L1& first, L2& second, Ln&... rest) {
  detail::lock_all(std::source_location::current(), first, second, rest...);
}

template <class... Mutexes>
class scoped_lock {
 public:
  explicit scoped_lock(Mutexes&... mutexes, const std::source_location& where = std::source_location::current())
      : mutexes_(mutexes...), where_(where) {
    if constexpr (sizeof...(Mutexes) == 1)
      std::get<0>(mutexes_).lock(where);
    else if constexpr (sizeof...(Mutexes) > 1)
      detail::lock_all(where, mutexes...);
  }
  explicit scoped_lock(adopt_lock_t, Mutexes&... mutexes) : mutexes_(mutexes...) {}
  ~scoped_lock() {
    std::apply([&](auto&... held) { (detail::unlock_quietly([&] { held.unlock(where_); }), ...); }, mutexes_);
  }
  scoped_lock(const scoped_lock&) = delete;
  scoped_lock& operator=(const scoped_lock&) = delete;

 private:
  std::tuple<Mutexes&...> mutexes_;
  std::source_location where_;
};

template <class... Mutexes>
scoped_lock(Mutexes&...) -> scoped_lock<Mutexes...>;

}  // namespace interleave::sync
