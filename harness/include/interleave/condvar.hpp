#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/mutex.hpp"
#include "interleave/per_run.hpp"

namespace interleave {

// A condition variable used with a ScopedLock on an interleave::Mutex.
// Bound to each run at its first use, as a Mutex is.
class CondVar {
 public:
  explicit CondVar(std::string name = {}, const std::source_location& made = std::source_location::current())
      : name_(name.empty() ? detail::ObjectName("condvar", made)
                           : detail::ObjectName(std::move(name), "condvar", made)) {}
  CondVar(CondVar&& other) : name_(other.name_) {
    if (other.impl_.in_active_run()) detail::moved_in_use(other.name_);
  }
  CondVar& operator=(CondVar&&) = delete;

  void wait(ScopedLock& lock, const std::source_location& where = std::source_location::current()) {
    impl().wait(lock.mutex().impl(), where);
  }
  // Returns false when the timeout elapsed without a notification.
  bool wait_for(ScopedLock& lock, Duration timeout,
                const std::source_location& where = std::source_location::current()) {
    return impl().wait_for(lock.mutex().impl(), timeout, where);
  }
  template <class Predicate>
  void wait(ScopedLock& lock, Predicate ready, const std::source_location& where = std::source_location::current()) {
    while (!ready()) wait(lock, where);
  }
  void notify_one(const std::source_location& where = std::source_location::current()) { impl().notify_one(where); }
  void notify_all(const std::source_location& where = std::source_location::current()) { impl().notify_all(where); }

 private:
  detail::CondVarImpl& impl() { return detail::in_run(impl_, name_); }

  detail::ObjectName name_;
  detail::CondVarInRun impl_;
};

}  // namespace interleave
