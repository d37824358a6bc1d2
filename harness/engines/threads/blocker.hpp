#pragma once

#include <cstdint>
#include <source_location>

#include "engines/threads/futex.hpp"
#include "engines/waitable.hpp"

namespace interleave::engines::threads {

using detail::TaskId;
using engines::kNoTask;
using engines::Waitable;

class Blocker;

// What a task is marked blocked on (blocked_scope.hpp), guarded by its
// ThreadTask::wait_guard.
struct BlockedMark {
  const Blocker* on = nullptr;  // null while the task is not marked
  std::source_location at;
  TaskId join_target = kNoTask;
  // A condition-variable waiter's own word, which its notifier sets to
  // woken before it wakes the waiter.
  const FutexWord* woken = nullptr;
  // Counts the task's marks: a task seen twice in the same episode was
  // marked all along in between.
  std::uint64_t episode = 0;
};

// Something a task can be marked blocked on. A marked task is stuck only
// while what it waits for cannot let it go; the watchdog asks, from the
// state of the thing itself, never from how long the task has waited.
class Blocker : public Waitable {
 public:
  virtual bool lets_go(TaskId waiter, const BlockedMark& mark) const = 0;
};

}  // namespace interleave::engines::threads
