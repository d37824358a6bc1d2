#include "engines/threads/threads_primitives.hpp"

#include "engines/threads/blocked_scope.hpp"
#include "engines/threads/wait_deadline.hpp"

namespace interleave::engines::threads {
// --- tasks ---

// Waits for the target even when the run is abandoned (the target unwinds
// too): the joiner's frame usually holds what the target still uses.
void ThreadTaskHandle::join(const std::source_location& where) {
  if (!engine_.abandoning()) engine_.enter();
  {
    BlockedScope blocked(engine_, this, where, false, target_);
    while (!target_task_.thread.join_for(ThreadsEngine::kPoll)) blocked.mark();
  }
  engine_.still_running();
}

std::string ThreadTaskHandle::describe() const { return engine_.task_label(target_) + " to finish"; }

// --- semaphore ---

bool ThreadSemaphore::acquire_until(Clock::time_point deadline, bool timed, const std::source_location& where) {
  std::unique_lock lock(mutex_);
  BlockedScope blocked(engine_, this, where, timed);
  while (count_.load(std::memory_order_relaxed) == 0) {
    if (Clock::now() >= deadline) return false;
    if (engine_.abandoning()) {
      lock.unlock();
      return engine_.still_running();
    }
    blocked.mark();
    available_.wait_until(lock, std::min(deadline, Clock::now() + ThreadsEngine::kPoll));
  }
  count_.fetch_sub(1, std::memory_order_relaxed);
  return true;
}

void ThreadSemaphore::acquire(const std::source_location& where) {
  engine_.enter();
  acquire_until(Clock::time_point::max(), false, where);
}

bool ThreadSemaphore::try_acquire(const std::source_location&) {
  engine_.enter();
  std::lock_guard lock(mutex_);
  if (count_.load(std::memory_order_relaxed) == 0) return false;
  count_.fetch_sub(1, std::memory_order_relaxed);
  return true;
}

bool ThreadSemaphore::try_acquire_for(Duration timeout, const std::source_location& where) {
  engine_.enter();
  return acquire_until(deadline_after(timeout), true, where);
}

void ThreadSemaphore::release(int count, const std::source_location&) {
  engine_.enter(false);
  {
    std::lock_guard lock(mutex_);
    count_.fetch_add(count, std::memory_order_relaxed);
  }
  available_.notify_all();
}

}  // namespace interleave::engines::threads
