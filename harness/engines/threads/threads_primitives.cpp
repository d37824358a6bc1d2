#include "engines/threads/threads_primitives.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engines/threads/tsan_annotations.hpp"

namespace interleave::engines::threads {
namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point deadline_after(Duration timeout) {
  auto now = Clock::now();
  return timeout >= Clock::time_point::max() - now ? Clock::time_point::max() : now + timeout;
}

// Marks the calling task blocked on `on` for the watchdog, from the moment
// mark() is first called until it goes out of scope. Waits call mark() only
// once a first poll slice has passed: a short wait costs the watchdog
// nothing, and a deadlock is seen one slice later. Timed waits are never
// marked, since time alone will end them.
class BlockedScope {
 public:
  BlockedScope(ThreadsEngine& engine, const Waitable* on, bool timed, TaskId join_target = kNoTask)
      : engine_(engine), on_(on), join_target_(join_target), markable_(!timed) {}
  ~BlockedScope() {
    if (marked_) engine_.mark_unblocked();
  }
  BlockedScope(const BlockedScope&) = delete;
  BlockedScope& operator=(const BlockedScope&) = delete;

  void mark() {
    if (!markable_ || marked_) return;
    engine_.mark_blocked(on_, join_target_);
    marked_ = true;
  }

 private:
  ThreadsEngine& engine_;
  const Waitable* on_;
  TaskId join_target_;
  bool markable_;
  bool marked_ = false;
};

}  // namespace

// --- tasks ---

// Waits for the target even when the run is abandoned (the target unwinds
// too): the joiner's frame usually holds what the target still uses.
void ThreadTaskHandle::join(const std::source_location& where) {
  if (!engine_.abandoning()) engine_.enter(where);
  ThreadTask& target = engine_.task(target_);
  {
    BlockedScope blocked(engine_, this, false, target_);
    blocked.mark();
    while (!target.finished.load(std::memory_order_acquire))
      std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  engine_.still_running();
}

std::string ThreadTaskHandle::describe() const { return engine_.task_label(target_) + " to finish"; }

// --- mutex ---

ThreadMutex::ThreadMutex(ThreadsEngine& engine, std::string name) : engine_(engine), name_(std::move(name)) {
  tsan::mutex_created(this);
}

ThreadMutex::~ThreadMutex() { tsan::mutex_destroyed(this); }

bool ThreadMutex::acquire() {
  if (owner_.load(std::memory_order_relaxed) == engine_.current()) {
    engine_.record(Verdict::deadlock, fmt::format("deadlock: {} locks {} that it already holds",
                                                  engine_.task_label(engine_.current()), describe()));
    return engine_.still_running();
  }
  tsan::LockAttempt attempt(this);
  if (!mutex_.try_lock()) {
    BlockedScope blocked(engine_, this, false);
    while (!mutex_.try_lock_for(ThreadsEngine::kPoll)) {
      blocked.mark();
      if (!engine_.still_running()) return false;
    }
  }
  owner_.store(engine_.current(), std::memory_order_relaxed);
  attempt.succeeded();
  return true;
}

void ThreadMutex::lock(const std::source_location& where) {
  engine_.enter(where);
  acquire();
}

bool ThreadMutex::try_lock(const std::source_location& where) {
  engine_.enter(where);
  tsan::before_lock(this, true);
  const bool acquired = mutex_.try_lock();
  if (acquired) owner_.store(engine_.current(), std::memory_order_relaxed);
  tsan::after_lock(this, acquired, true);
  return acquired;
}

void ThreadMutex::unlock(const std::source_location&) {
  // No scheduling point: unlock runs from destructors, also while a task
  // unwinds an abandoned run, and must neither throw nor wait.
  if (owner_.load(std::memory_order_relaxed) != engine_.current()) {
    if (!engine_.abandoning())
      engine_.record(Verdict::crash, fmt::format("crash: {} unlocks {} that it does not hold",
                                                 engine_.task_label(engine_.current()), describe()));
    return;
  }
  unlock_for_wait();
}

void ThreadMutex::relock_after_wait() {
  tsan::LockAttempt attempt(this);
  mutex_.lock();
  owner_.store(engine_.current(), std::memory_order_relaxed);
  attempt.succeeded();
}

void ThreadMutex::unlock_for_wait() {
  tsan::before_unlock(this);
  owner_.store(kNoTask, std::memory_order_relaxed);
  mutex_.unlock();
  tsan::after_unlock(this);
}

// --- condition variable ---

bool ThreadCondVar::wait_until(ThreadMutex& mutex, Clock::time_point deadline, bool timed) {
  if (!mutex.held_by_me()) {
    engine_.record(Verdict::crash, fmt::format("crash: {} waits on {} without holding its mutex",
                                               engine_.task_label(engine_.current()), describe()));
    engine_.still_running();
    return false;
  }
  bool woken = false;
  std::unique_lock state(state_mutex_);
  waiters_.push_back(&woken);
  mutex.unlock_for_wait();
  {
    BlockedScope blocked(engine_, this, timed);
    while (!woken && Clock::now() < deadline && !engine_.abandoning()) {
      wakeup_.wait_until(state, std::min(deadline, Clock::now() + ThreadsEngine::kPoll));
      if (!woken) blocked.mark();
    }
  }
  if (!woken) waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &woken));
  state.unlock();
  mutex.relock_after_wait();
  engine_.still_running();
  return woken;
}

void ThreadCondVar::wait(detail::MutexImpl& mutex, const std::source_location& where) {
  engine_.enter(where);
  wait_until(static_cast<ThreadMutex&>(mutex), Clock::time_point::max(), false);
}

bool ThreadCondVar::wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) {
  engine_.enter(where);
  return wait_until(static_cast<ThreadMutex&>(mutex), deadline_after(timeout), true);
}

void ThreadCondVar::notify_one(const std::source_location& where) {
  engine_.enter(where, false);
  std::lock_guard state(state_mutex_);
  if (waiters_.empty()) return;
  *waiters_.front() = true;
  waiters_.erase(waiters_.begin());
  wakeup_.notify_all();
}

void ThreadCondVar::notify_all(const std::source_location& where) {
  engine_.enter(where, false);
  std::lock_guard state(state_mutex_);
  for (bool* woken : waiters_) *woken = true;
  waiters_.clear();
  wakeup_.notify_all();
}

// --- semaphore ---

bool ThreadSemaphore::acquire_until(Clock::time_point deadline, bool timed) {
  std::unique_lock lock(mutex_);
  BlockedScope blocked(engine_, this, timed || count_ > 0);
  while (count_ == 0) {
    if (Clock::now() >= deadline) return false;
    if (engine_.abandoning()) {
      lock.unlock();
      return engine_.still_running();
    }
    available_.wait_until(lock, std::min(deadline, Clock::now() + ThreadsEngine::kPoll));
    if (count_ == 0) blocked.mark();
  }
  --count_;
  return true;
}

void ThreadSemaphore::acquire(const std::source_location& where) {
  engine_.enter(where);
  acquire_until(Clock::time_point::max(), false);
}

bool ThreadSemaphore::try_acquire(const std::source_location& where) {
  engine_.enter(where);
  std::lock_guard lock(mutex_);
  if (count_ == 0) return false;
  --count_;
  return true;
}

bool ThreadSemaphore::try_acquire_for(Duration timeout, const std::source_location& where) {
  engine_.enter(where);
  return acquire_until(deadline_after(timeout), true);
}

void ThreadSemaphore::release(int count, const std::source_location& where) {
  engine_.enter(where, false);
  {
    std::lock_guard lock(mutex_);
    count_ += count;
  }
  available_.notify_all();
}

}  // namespace interleave::engines::threads
