#pragma once

#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

// Marks the calling task blocked on `on`, at `where`, for the watchdog, from
// the moment mark() is first called until it goes out of scope. Waits with
// no timeout call mark() before they sleep; the watchdog asks `on` whether
// it would let the task go (Blocker::lets_go). Timed waits are never
// marked, since time alone will end them.
class BlockedScope {
 public:
  BlockedScope(ThreadsEngine& engine, const Blocker* on, const std::source_location& where, bool timed,
               TaskId join_target = kNoTask, const FutexWord* woken = nullptr)
      : engine_(engine), markable_(!timed) {
    mark_.on = on;
    mark_.at = where;
    mark_.join_target = join_target;
    mark_.woken = woken;
  }
  ~BlockedScope() {
    if (marked_) engine_.mark_unblocked();
  }
  BlockedScope(const BlockedScope&) = delete;
  BlockedScope& operator=(const BlockedScope&) = delete;

  void mark() {
    if (!markable_ || marked_) return;
    engine_.mark_blocked(mark_);
    marked_ = true;
  }

 private:
  ThreadsEngine& engine_;
  BlockedMark mark_;
  bool markable_;
  bool marked_ = false;
};

}  // namespace interleave::engines::threads
