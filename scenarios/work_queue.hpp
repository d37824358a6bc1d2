#pragma once

#include <deque>
#include <optional>

#include "interleave/interleave.hpp"

namespace interleave::scenarios {

// A correct unbounded FIFO of ints for the scenarios whose lesson lies
// elsewhere (poison pills, thread pools): the lock is held for every access
// and the waiter re-checks its condition in a loop.
class WorkQueue {
 public:
  explicit WorkQueue(std::string name = "queue") : lock_(name + ".lock"), not_empty_(name + ".not_empty") {}

  void put(int item) {
    ScopedLock hold(lock_);
    items_.push_back(item);
    not_empty_.notify_one();
  }

  int get() {
    ScopedLock hold(lock_);
    while (items_.empty()) not_empty_.wait(hold);
    return take();
  }

  // Waits at most `timeout`; nullopt when nothing came.
  std::optional<int> get_for(Duration timeout) {
    ScopedLock hold(lock_);
    const Duration deadline = now() + timeout;
    while (items_.empty()) {
      const Duration left = deadline - now();
      if (left <= Duration{0} || !not_empty_.wait_for(hold, left)) {
        if (items_.empty()) return std::nullopt;
      }
    }
    return take();
  }

 private:
  int take() {
    int item = items_.front();
    items_.pop_front();
    return item;
  }

  Mutex lock_;
  CondVar not_empty_;
  std::deque<int> items_;
};

}  // namespace interleave::scenarios
