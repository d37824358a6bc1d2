#pragma once

// A bounded blocking queue written against the standard library, through
// the `sync` alias: push waits while it is full, pop while it is empty.
// Producers and consumers wait on one condition variable, so a change must
// wake them all (kNotifyAll). With notify_one a pop may wake the other
// consumer instead of the waiting producer: it finds the queue empty and
// sleeps again, and the producer that could go on is never woken.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

#include "sync_alias.hpp"

namespace shop {

template <class T, bool kNotifyAll>
class BasicBlockingQueue {
 public:
  explicit BasicBlockingQueue(std::size_t capacity) : capacity_(capacity) {}

  void push(T value) {
    sync::unique_lock<sync::mutex> lock(mutex_);
    while (items_.size() == capacity_) changed_.wait(lock);
    items_.push_back(std::move(value));
    notify();
  }

  T pop() {
    sync::unique_lock<sync::mutex> lock(mutex_);
    while (items_.empty()) changed_.wait(lock);
    T value = std::move(items_.front());
    items_.pop_front();
    notify();
    return value;
  }

 private:
  void notify() {
    if constexpr (kNotifyAll)
      changed_.notify_all();
    else
      changed_.notify_one();  // the bug: one waiter, maybe of the wrong kind
  }

  const std::size_t capacity_;
  sync::mutex mutex_;
  sync::condition_variable changed_;  // not full any more, or not empty any more
  std::deque<T> items_;               // only under mutex_
};

template <class T>
using BlockingQueue = BasicBlockingQueue<T, true>;
template <class T>
using NotifyOneQueue = BasicBlockingQueue<T, false>;

}  // namespace shop
