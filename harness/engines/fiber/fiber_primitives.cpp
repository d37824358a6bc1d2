#include "engines/fiber/fiber_primitives.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace interleave::engines::fiber {
namespace {

void wake_all(FiberEngine& engine, std::vector<TaskId>& waiters, const Waitable* on) {
  for (TaskId id : waiters) engine.wake(id, on);
  waiters.clear();
}

}  // namespace

// --- tasks ---

void FiberTaskHandle::join(const std::source_location& where) {
  if (!engine_.enter(true, where)) return;
  while (engine_.state(target_) != TaskState::finished)
    if (!engine_.block(this, Duration::max(), target_)) return;
  engine_.on_joined(target_);
  if (engine_.recording()) engine_.note("join " + engine_.task_label(target_));
}

std::string FiberTaskHandle::describe() const { return engine_.task_label(target_) + " to finish"; }

// --- mutex ---

void FiberMutex::take(const std::source_location& where, LockRequest request, bool noted) {
  owner_ = engine_.current();
  engine_.on_mutex_owned(paused_, owner_);
  if (noted && engine_.recording()) engine_.note("lock " + name_.str());
  engine_.on_lock_acquired(this, clock_, name_, where, request);
}

bool FiberMutex::acquire(const std::source_location& where, LockRequest request, bool noted) {
  while (owner_ != kNoTask) {
    if (owner_ == engine_.current())
      engine_.fail_and_abort(Verdict::deadlock, fmt::format("locks {} that it already holds", describe()), {});
    waiters_.push_back(engine_.current());
    if (!engine_.block(this)) return false;
  }
  take(where, request, noted);
  return true;
}

void FiberMutex::release(bool noted) {
  if (noted && engine_.recording()) engine_.note("unlock " + name_.str());
  engine_.on_lock_released(this, clock_);
  owner_ = kNoTask;
  engine_.on_mutex_free(paused_);
  wake_all(engine_, waiters_, this);
}

void FiberMutex::lock(const std::source_location& where) {
  // While paused before the lock, the task is not enabled if another task
  // owns the mutex (see SchedulingState::pending_lock_owner).
  struct PendingLock {
    FiberEngine& engine;
    ~PendingLock() { engine.clear_pending_lock(); }
  };
  bool live;
  {
    engine_.set_pending_lock(this, &owner_, &paused_);
    PendingLock pending{engine_};
    live = engine_.enter(true, where, {this});
  }
  if (live) acquire(where, LockRequest::may_wait);
}

// A try_lock never waits, so it cannot be a step of a deadlock: the lock it
// takes is held from then on, but its order against the locks held is not
// a dependency.
bool FiberMutex::try_lock(const std::source_location& where) {
  if (!engine_.enter(true, where, {this}) || owner_ != kNoTask) return false;
  take(where, LockRequest::never_waits);
  return true;
}

// Not a scheduling decision, only observed (a partial-order reduction, as
// with plain accesses). A release commutes with what other tasks do before
// it (Lipton's left mover), and what this task does after it, up to its next
// scheduling point, is its own or seen by the race detector: switching
// before an unlock reaches no state that switching at the task's previous
// or next scheduling point does not. It halves the decisions of a locked
// loop.
void FiberMutex::unlock(const std::source_location& where) {
  if (!engine_.observe(false, where)) return;
  if (owner_ != engine_.current()) {
    engine_.fail_quietly(Verdict::crash, fmt::format("unlocks {} that it does not hold", describe()), where);
    return;
  }
  release();
}

// A wait's release and re-acquisition are part of the wait: not noted apart.
bool FiberMutex::acquire_after_wait(const std::source_location& where) {
  return acquire(where, LockRequest::may_wait, false);
}
void FiberMutex::release_for_wait() { release(false); }

// --- condition variable ---

bool FiberCondVar::wait_until(FiberMutex& mutex, Duration deadline, const std::source_location& where) {
  if (!engine_.enter(true, where, {this})) return false;
  if (mutex.owner() != engine_.current())
    engine_.fail_and_abort(Verdict::crash, fmt::format("waits on {} without holding its mutex", describe()), where);
  if (engine_.recording()) engine_.note("wait " + name_.str());
  mutex.release_for_wait();
  waiters_.push_back(engine_.current());
  if (!engine_.block(this, deadline, kNoTask, /*spurious=*/true)) return false;
  std::erase(waiters_, engine_.current());  // still listed after a timeout or a spurious wakeup
  bool notified = !engine_.timed_out(engine_.current());
  if (engine_.recording()) engine_.note((notified ? "woken from " : "timed out on ") + name_.str());
  return mutex.acquire_after_wait(where) && notified;
}

void FiberCondVar::wait(detail::MutexImpl& mutex, const std::source_location& where) {
  wait_until(static_cast<FiberMutex&>(mutex), Duration::max(), where);
}

bool FiberCondVar::wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) {
  return wait_until(static_cast<FiberMutex&>(mutex), engine_.virtual_now() + timeout, where);
}

void FiberCondVar::drop_stale_waiters() {
  std::erase_if(waiters_, [this](TaskId id) {
    return engine_.state(id) != TaskState::blocked || engine_.task(id).waiting_on != this;
  });
}

void FiberCondVar::notify_one(const std::source_location& where) {
  if (!engine_.enter(false, where, {this})) return;
  drop_stale_waiters();
  if (waiters_.empty()) {
    if (engine_.recording()) engine_.note("notify_one " + name_.str() + " (nobody waits: lost)");
    return;
  }
  auto chosen = waiters_.begin() + static_cast<std::ptrdiff_t>(engine_.choose(waiters_));
  if (engine_.recording())
    engine_.note(fmt::format("notify_one {} (wakes {})", name_.str(), engine_.task_label(*chosen)));
  engine_.wake(*chosen, this);
  waiters_.erase(chosen);
}

void FiberCondVar::notify_all(const std::source_location& where) {
  if (!engine_.enter(false, where, {this})) return;
  if (engine_.recording()) engine_.note("notify_all " + name_.str());
  wake_all(engine_, waiters_, this);
}

// --- semaphore ---

bool FiberSemaphore::acquire_until(Duration deadline) {
  while (count_ == 0) {
    waiters_.push_back(engine_.current());
    if (!engine_.block(this, deadline)) return false;
    if (engine_.timed_out(engine_.current())) {
      std::erase(waiters_, engine_.current());
      return false;
    }
  }
  --count_;
  engine_.on_acquired(clock_);
  if (engine_.recording()) engine_.note(fmt::format("acquire {} ({} left)", name_.str(), count_));
  return true;
}

void FiberSemaphore::acquire(const std::source_location& where) {
  if (engine_.enter(true, where, {this})) acquire_until(Duration::max());
}

bool FiberSemaphore::try_acquire(const std::source_location& where) {
  if (!engine_.enter(true, where, {this}) || count_ == 0) return false;
  --count_;
  engine_.on_acquired(clock_);
  return true;
}

bool FiberSemaphore::try_acquire_for(Duration timeout, const std::source_location& where) {
  return engine_.enter(true, where, {this}) && acquire_until(engine_.virtual_now() + timeout);
}

void FiberSemaphore::release(int count, const std::source_location& where) {
  if (!engine_.enter(false, where, {this})) return;
  count_ += count;
  engine_.on_released(clock_);
  if (engine_.recording()) engine_.note(fmt::format("release {} ({} left)", name_.str(), count_));
  wake_all(engine_, waiters_, this);
}

}  // namespace interleave::engines::fiber
