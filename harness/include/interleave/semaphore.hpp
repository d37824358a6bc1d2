#pragma once

#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"

namespace interleave {

// A counting semaphore, like std::counting_semaphore.
class Semaphore {
 public:
  explicit Semaphore(int initial, std::string name = {});

  void acquire(const std::source_location& where = std::source_location::current()) { impl_->acquire(where); }
  bool try_acquire(const std::source_location& where = std::source_location::current()) {
    return impl_->try_acquire(where);
  }
  bool try_acquire_for(Duration timeout, const std::source_location& where = std::source_location::current()) {
    return impl_->try_acquire_for(timeout, where);
  }
  void release(int count = 1, const std::source_location& where = std::source_location::current()) {
    impl_->release(count, where);
  }

 private:
  std::unique_ptr<detail::SemaphoreImpl> impl_;
};

}  // namespace interleave
