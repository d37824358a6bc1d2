#pragma once

// Queues built from interleave's primitives, correct and broken, for the
// linearizability tests.

#include <deque>

#include "interleave/interleave.hpp"
#include "models.hpp"

namespace interleave::testing {

// A blocking queue: pop waits while it is empty.
struct BlockingQueue {
  Mutex lock{"lock"};
  CondVar not_empty{"not_empty"};
  std::deque<int> items;
  void push(int value) {
    ScopedLock held(lock);
    items.push_back(value);
    not_empty.notify_one();
  }
  int pop() {
    ScopedLock held(lock);
    while (items.empty()) not_empty.wait(held);
    const int value = items.front();
    items.pop_front();
    return value;
  }
};

// Looks at the count before taking the lock: a push and its notify can
// come between the look and the wait, and the pop waits forever with an
// item in the queue (a lost wakeup).
struct LostWakeupQueue {
  Mutex lock{"lock"};
  CondVar not_empty{"not_empty"};
  Atomic<int> count{0, "count"};
  std::deque<int> items;
  void push(int value) {
    {
      ScopedLock held(lock);
      items.push_back(value);
    }
    count.fetch_add(1);
    not_empty.notify_one();
  }
  int pop() {
    if (count.load() == 0) {
      ScopedLock held(lock);
      not_empty.wait(held);
    }
    ScopedLock held(lock);
    if (items.empty()) return -1;  // woken with nothing there
    const int value = items.front();
    items.pop_front();
    count.fetch_sub(1);
    return value;
  }
};

// Runs one queue operation as lincheck::check's `apply` does.
template <class Queue>
int apply_to_queue(Queue& queue, const QueueModel::Input& input) {
  if (!input.push) return queue.pop();
  queue.push(input.value);
  return 0;
}

}  // namespace interleave::testing
