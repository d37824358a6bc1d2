#pragma once

// interleave::sync::recursive_mutex and recursive_timed_mutex, built from
// sync::mutex and sync::condition_variable: the thread that holds one may
// lock it again, and frees it with as many unlocks. Who holds it, and how
// often, belongs to the run, as a mutex's owner does.

#include <chrono>
#include <source_location>
#include <string>
#include <system_error>

#include "interleave/per_run.hpp"
#include "interleave/sync/condition_variable.hpp"
#include "interleave/sync/mutex.hpp"

namespace interleave::sync {

namespace detail {

class recursive_base {
  using Where = std::source_location;

 public:
  recursive_base(recursive_base&&) = default;
  recursive_base(const recursive_base&) = delete;
  recursive_base& operator=(const recursive_base&) = delete;

  void lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    const core::TaskId me = core::backend_for(name_).current_task();
    while (held().count > 0 && held().owner != me) released_.wait(hold, where);
    take(me);
  }
  bool try_lock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    const core::TaskId me = core::backend_for(name_).current_task();
    if (held().count > 0 && held().owner != me) return false;
    take(me);
    return true;
  }
  void unlock(const Where& where = Where::current()) {
    unique_lock<mutex> hold(mutex_, where);
    if (held().count == 0 || held().owner != core::backend_for(name_).current_task())
      throw std::system_error(std::make_error_code(std::errc::operation_not_permitted),
                              name_.str() + ": unlock by a thread that does not hold it");
    if (--held().count == 0) released_.notify_one(where);
  }

 protected:
  explicit recursive_base(const core::ObjectName& name) : name_(name), mutex_(name), released_(name) {}
  void rename(const std::string& name) {
    name_.rename(name);
    mutex_.named(name);
    released_.named(name);
  }

  template <class Rep, class Period>
  bool lock_within(const std::chrono::duration<Rep, Period>& timeout, const Where& where) {
    unique_lock<mutex> hold(mutex_, where);
    const core::TaskId me = core::backend_for(name_).current_task();
    if (!released_.wait_for(hold, timeout, [&] { return held().count == 0 || held().owner == me; }, where))
      return false;
    take(me);
    return true;
  }

 private:
  struct Held {
    core::TaskId owner = -1;
    int count = 0;
  };
  Held& held() {  // under mutex_
    return held_.get(name_, [](core::Backend&) { return Held{}; });
  }
  void take(core::TaskId me) {
    held().owner = me;
    ++held().count;
  }

  core::ObjectName name_;
  mutex mutex_;
  condition_variable released_;
  core::PerRun<Held> held_;
};

}  // namespace detail

class recursive_mutex : public detail::recursive_base {
 public:
  recursive_mutex(const std::source_location& made = std::source_location::current())
      : recursive_base(detail::core::ObjectName("recursive_mutex", made)) {}
  recursive_mutex& named(const std::string& name) {
    rename(name);
    return *this;
  }
};

// A recursive mutex whose lock can give up after a while (engine time:
// virtual under the fiber engine).
class recursive_timed_mutex : public detail::recursive_base {
 public:
  recursive_timed_mutex(const std::source_location& made = std::source_location::current())
      : recursive_base(detail::core::ObjectName("recursive_timed_mutex", made)) {}
  recursive_timed_mutex& named(const std::string& name) {
    rename(name);
    return *this;
  }
  template <class Rep, class Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& timeout,
                    const std::source_location& where = std::source_location::current()) {
    return lock_within(timeout, where);
  }
};

}  // namespace interleave::sync
