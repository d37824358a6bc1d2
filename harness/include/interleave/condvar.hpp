#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/mutex.hpp"

namespace interleave {

// A condition variable used with a ScopedLock on an interleave::Mutex.
class CondVar {
 public:
  explicit CondVar(std::string name = {});

  void wait(ScopedLock& lock, const std::source_location& where = std::source_location::current()) {
    impl_->wait(lock.mutex().impl(), where);
  }
  // Returns false when the timeout elapsed without a notification.
  bool wait_for(ScopedLock& lock, Duration timeout,
                const std::source_location& where = std::source_location::current()) {
    return impl_->wait_for(lock.mutex().impl(), timeout, where);
  }
  template <class Predicate>
  void wait(ScopedLock& lock, Predicate ready, const std::source_location& where = std::source_location::current()) {
    while (!ready()) wait(lock, where);
  }
  void notify_one(const std::source_location& where = std::source_location::current()) { impl_->notify_one(where); }
  void notify_all(const std::source_location& where = std::source_location::current()) { impl_->notify_all(where); }

 private:
  std::unique_ptr<detail::CondVarImpl> impl_;
};

}  // namespace interleave
