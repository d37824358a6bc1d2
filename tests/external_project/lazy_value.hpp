#pragma once

// A value built on first use, once, by whichever thread asks first; written
// against the standard library through the `sync` alias. LazyValue checks an
// atomic flag without the lock and again under it. PlainFlagLazyValue reads
// a plain bool without the lock: a data race with its write, and stale by
// the time the lock is held, so two first callers both build the value.

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "sync_alias.hpp"

namespace shop {

template <class T>
class LazyValue {
 public:
  explicit LazyValue(std::function<T()> make) : make_(std::move(make)) {}

  const T& get() {
    if (!ready_.load(sync::memory_order_acquire)) {
      sync::lock_guard<sync::mutex> hold(mutex_);
      if (!ready_.load(sync::memory_order_relaxed)) {
        value_.emplace(make_());
        ready_.store(true, sync::memory_order_release);
      }
    }
    return *value_;
  }

 private:
  std::function<T()> make_;
  sync::mutex mutex_;
  sync::atomic<bool> ready_{false};
  std::optional<T> value_;
};

template <class T>
class PlainFlagLazyValue {
 public:
  explicit PlainFlagLazyValue(std::function<T()> make) : make_(std::move(make)) {}

  const T& get() {
    if (!ready_) {
      sync::lock_guard<sync::mutex> hold(mutex_);
      value_.emplace(make_());
      ready_ = true;
    }
    return *value_;
  }

 private:
  std::function<T()> make_;
  sync::mutex mutex_;
  bool ready_ = false;
  std::optional<T> value_;
};

}  // namespace shop
