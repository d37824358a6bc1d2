#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/per_run.hpp"

namespace interleave {

// The engine's mutex is made at the first use in each run, so a Mutex may
// be made before explore() (a fixture's member) and starts every schedule
// unlocked. Unnamed, it is named by where it was made ("mutex@bank.cpp:12").
class Mutex {
 public:
  explicit Mutex(std::string name = {}, const std::source_location& made = std::source_location::current())
      : name_(name.empty() ? detail::ObjectName("mutex", made) : detail::ObjectName(std::move(name), "mutex", made)) {}
  // Before its first use in a run only (a container's elements).
  Mutex(Mutex&& other) : name_(other.name_) {
    if (other.impl_.in_active_run()) detail::moved_in_use(other.name_);
  }
  Mutex& operator=(Mutex&&) = delete;

  void lock(const std::source_location& where = std::source_location::current()) { impl().lock(where); }
  bool try_lock(const std::source_location& where = std::source_location::current()) { return impl().try_lock(where); }
  void unlock(const std::source_location& where = std::source_location::current()) { impl().unlock(where); }

  detail::MutexImpl& impl() { return detail::in_run(impl_, name_); }
  std::string name() const { return name_.str(); }

 private:
  detail::ObjectName name_;
  detail::MutexInRun impl_;
};

// Holds a Mutex for its scope, like std::scoped_lock.
class ScopedLock {
 public:
  explicit ScopedLock(Mutex& mutex, const std::source_location& where = std::source_location::current())
      : mutex_(mutex), where_(where) {
    mutex_.lock(where);
  }
  // The unlock at the end of the scope is reported at the line that locked.
  ~ScopedLock() { mutex_.unlock(where_); }
  ScopedLock(const ScopedLock&) = delete;
  ScopedLock& operator=(const ScopedLock&) = delete;

  Mutex& mutex() { return mutex_; }

 private:
  Mutex& mutex_;
  std::source_location where_;
};

}  // namespace interleave
