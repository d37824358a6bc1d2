#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"

namespace interleave {

class Mutex {
 public:
  explicit Mutex(std::string name = {});

  void lock(const std::source_location& where = std::source_location::current()) { impl_->lock(where); }
  bool try_lock(const std::source_location& where = std::source_location::current()) { return impl_->try_lock(where); }
  void unlock(const std::source_location& where = std::source_location::current()) { impl_->unlock(where); }

  detail::MutexImpl& impl() { return *impl_; }

 private:
  std::unique_ptr<detail::MutexImpl> impl_;
};

// Holds a Mutex for its scope, like std::scoped_lock.
class ScopedLock {
 public:
  explicit ScopedLock(Mutex& mutex, const std::source_location& where = std::source_location::current())
      : mutex_(mutex) {
    mutex_.lock(where);
  }
  ~ScopedLock() { mutex_.unlock(); }
  ScopedLock(const ScopedLock&) = delete;
  ScopedLock& operator=(const ScopedLock&) = delete;

  Mutex& mutex() { return mutex_; }

 private:
  Mutex& mutex_;
};

}  // namespace interleave
