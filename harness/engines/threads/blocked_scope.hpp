#pragma once

#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

// Marks the calling task blocked on `on`, at `where`, for the watchdog, from
// the moment mark() is first called until it goes out of scope. Waits with
// no timeout call mark() before they first sleep; polling waits (a join, a
// semaphore) once a whole poll slice has passed without a wake. Timed waits
// are never marked, since time alone will end them.
class BlockedScope {
 public:
  BlockedScope(ThreadsEngine& engine, const Waitable* on, const std::source_location& where, bool timed,
               TaskId join_target = kNoTask)
      : engine_(engine), on_(on), where_(where), join_target_(join_target), markable_(!timed) {}
  ~BlockedScope() {
    if (marked_) engine_.mark_unblocked();
  }
  BlockedScope(const BlockedScope&) = delete;
  BlockedScope& operator=(const BlockedScope&) = delete;

  void mark() {
    if (!markable_ || marked_) return;
    engine_.mark_blocked(on_, where_, join_target_);
    marked_ = true;
  }

 private:
  ThreadsEngine& engine_;
  const Waitable* on_;
  const std::source_location& where_;
  TaskId join_target_;
  bool markable_;
  bool marked_ = false;
};

}  // namespace interleave::engines::threads
