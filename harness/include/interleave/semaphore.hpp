#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"
#include "interleave/per_run.hpp"

namespace interleave {

// A counting semaphore, like std::counting_semaphore. Bound to each run at
// its first use, as a Mutex is: every run starts with `initial`.
class Semaphore {
 public:
  explicit Semaphore(int initial, std::string name = {},
                     const std::source_location& made = std::source_location::current())
      : name_(name.empty() ? detail::ObjectName("semaphore", made)
                           : detail::ObjectName(std::move(name), "semaphore", made)),
        initial_(initial) {}
  Semaphore(Semaphore&& other) : name_(other.name_), initial_(other.initial_) {
    if (other.impl_.in_active_run()) detail::moved_in_use(other.name_);
  }
  Semaphore& operator=(Semaphore&&) = delete;

  void acquire(const std::source_location& where = std::source_location::current()) { impl().acquire(where); }
  bool try_acquire(const std::source_location& where = std::source_location::current()) {
    return impl().try_acquire(where);
  }
  bool try_acquire_for(Duration timeout, const std::source_location& where = std::source_location::current()) {
    return impl().try_acquire_for(timeout, where);
  }
  void release(int count = 1, const std::source_location& where = std::source_location::current()) {
    impl().release(count, where);
  }

 private:
  detail::SemaphoreImpl& impl() { return detail::in_run(impl_, name_, initial_); }

  detail::ObjectName name_;
  int initial_;
  detail::SemaphoreInRun impl_;
};

}  // namespace interleave
