#include "engines/threads/threads_mutex.hpp"

#include <fmt/format.h>

#include "engines/threads/blocked_scope.hpp"
#include "engines/threads/tsan_annotations.hpp"

namespace interleave::engines::threads {

ThreadMutex::ThreadMutex(ThreadsEngine& engine, const detail::ObjectName& name) : engine_(engine), name_(name) {
  tsan::mutex_created(this);
}

ThreadMutex::~ThreadMutex() { tsan::mutex_destroyed(this); }

TaskId ThreadMutex::holder() const {
  const std::uint32_t word = word_.load(std::memory_order_relaxed);
  return word == 0 ? kNoTask : static_cast<TaskId>(word >> 1) - 1;
}

bool ThreadMutex::lets_go(TaskId waiter, const BlockedMark&) const {
  const TaskId holding = holder();
  return holding == kNoTask || holding == waiter;
}

bool ThreadMutex::held_by_me() const {
  return (word_.load(std::memory_order_relaxed) | kSleepers) == (word_for(engine_.current()) | kSleepers);
}

bool ThreadMutex::try_acquire(TaskId me, std::uint32_t& word) {
  word = 0;
  return word_.compare_exchange_strong(word, word_for(me), std::memory_order_acquire, std::memory_order_relaxed);
}

bool ThreadMutex::acquire_within_one_sleep(TaskId me, BlockedScope* blocked) {
  std::uint32_t word = word_.load(std::memory_order_relaxed);
  bool slept = false;
  for (;;) {
    // After a wait there may be other sleepers: take it marked as contended.
    if (word == 0) {
      if (word_.compare_exchange_weak(word, word_for(me) | kSleepers, std::memory_order_acquire,
                                      std::memory_order_relaxed))
        return true;
      continue;
    }
    if (slept) return false;
    if ((word & kSleepers) == 0 &&
        !word_.compare_exchange_weak(word, word | kSleepers, std::memory_order_relaxed, std::memory_order_relaxed))
      continue;
    if (blocked) blocked->mark();
    engine_.sleep_on(word_, word | kSleepers);
    slept = true;
    word = word_.load(std::memory_order_relaxed);
  }
}

bool ThreadMutex::release(TaskId me) {
  // Only the holder frees the word; others can only set its sleeper bit.
  if ((word_.load(std::memory_order_relaxed) | kSleepers) != (word_for(me) | kSleepers)) return false;
  if (word_.exchange(0, std::memory_order_release) & kSleepers) futex_wake(word_, 1);
  return true;
}

void ThreadMutex::lock(const std::source_location& where) {
  // The common case calls nothing, so it saves no registers: their stores
  // would stand before the compare-and-swap, which waits for them.
  ThreadContext& context = this_thread_context;
  std::uint32_t word = 0;
  if (!tsan::kEnabled && context.steps_left != 0 && try_acquire(context.id, word)) [[likely]] {
    --context.steps_left;
    return;
  }
  lock_slowly(where);
}

void ThreadMutex::lock_slowly(const std::source_location& where) {
  engine_.enter_uncounted();
  const TaskId me = engine_.current();
  tsan::LockAttempt attempt(this);
  std::uint32_t word = 0;
  if (try_acquire(me, word) || acquire_contended(me, word, where)) attempt.succeeded();
  engine_.count_step();
}

bool ThreadMutex::acquire_contended(TaskId me, std::uint32_t word, const std::source_location& where) {
  if ((word | kSleepers) == (word_for(me) | kSleepers)) {
    engine_.record(Verdict::deadlock,
                   fmt::format("deadlock: {} locks {} that it already holds", engine_.task_label(me), describe()));
    return engine_.still_running();
  }
  BlockedScope blocked(engine_, this, where, false);
  while (!acquire_within_one_sleep(me, &blocked))
    if (!engine_.still_running()) return false;
  return true;
}

bool ThreadMutex::try_lock(const std::source_location&) {
  engine_.enter();
  tsan::before_lock(this, true);
  std::uint32_t word = 0;
  const bool acquired = try_acquire(engine_.current(), word);
  tsan::after_lock(this, acquired, true);
  return acquired;
}

void ThreadMutex::unlock(const std::source_location&) {
  // No scheduling point: unlock runs from destructors, also while a task
  // unwinds an abandoned run, and must neither throw nor wait. TSan must
  // hear of an unlock before it happens, so under TSan the holder is checked
  // first; without, the releasing compare-and-swap checks it.
  const TaskId me = engine_.current();
  if (!tsan::kEnabled || held_by_me()) {
    tsan::before_unlock(this);
    const bool released = release(me);
    tsan::after_unlock(this);
    if (released) return;
  }
  unlocked_by_non_holder(me);
}

void ThreadMutex::unlocked_by_non_holder(TaskId me) {
  if (!engine_.abandoning())
    engine_.record(Verdict::crash,
                   fmt::format("crash: {} unlocks {} that it does not hold", engine_.task_label(me), describe()));
}

void ThreadMutex::relock_after_wait(const std::source_location& where) {
  const TaskId me = engine_.current();
  tsan::LockAttempt attempt(this);
  std::uint32_t word = 0;
  if (!try_acquire(me, word)) {
    BlockedScope blocked(engine_, this, where, false);
    while (!acquire_within_one_sleep(me, &blocked))
      if (engine_.abandoning()) return;
  }
  attempt.succeeded();
}

void ThreadMutex::unlock_for_wait() {
  tsan::before_unlock(this);
  release(engine_.current());
  tsan::after_unlock(this);
}

}  // namespace interleave::engines::threads
