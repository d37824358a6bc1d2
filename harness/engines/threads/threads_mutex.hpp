#pragma once

#include <string>

#include "engines/threads/futex.hpp"
#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

// A futex mutex (Drepper's "mutex 2", as in glibc) whose word also names its
// holder: 0 when free, else (holder + 1) << 1, with bit 0 set once a thread
// may be asleep on it. Locking free is one compare-and-swap, unlocking with
// no sleeper another, so the harness keeps track of the holder (for
// deadlock reports and misuse) at no extra cost. Waits sleep with no
// timeout (ThreadsEngine::sleep_on): an abandoned run wakes them. ThreadSanitizer is
// told of every lock and unlock (tsan_annotations.hpp).
class BlockedScope;

class ThreadMutex final : public detail::MutexImpl, public Blocker {
 public:
  ThreadMutex(ThreadsEngine& engine, const detail::ObjectName& name);
  ~ThreadMutex() override;
  ThreadMutex(const ThreadMutex&) = delete;
  ThreadMutex& operator=(const ThreadMutex&) = delete;

  void lock(const std::source_location& where) override;
  bool try_lock(const std::source_location& where) override;
  void unlock(const std::source_location& where) override;

  std::string describe() const override { return "mutex '" + name_.str() + "'"; }
  TaskId holder() const override;
  // A waiter is stuck only while another task holds the mutex.
  bool lets_go(TaskId waiter, const BlockedMark&) const override;

  // Without a scheduling point, for a condition variable's wait; marked
  // blocked at `where` while it sleeps. Gives up, without the mutex, once
  // the run is abandoned: its holder may be joining this very task.
  void relock_after_wait(const std::source_location& where);
  void unlock_for_wait();
  bool held_by_me() const;

 private:
  static constexpr std::uint32_t kSleepers = 1;
  static std::uint32_t word_for(TaskId holder) { return (static_cast<std::uint32_t>(holder) + 1) << 1; }

  // lock() but for a free mutex at no batch boundary (and without TSan).
  [[gnu::noinline]] void lock_slowly(const std::source_location& where);
  // After a failed try_acquire: waits, or reports locking twice. `word` is
  // what the attempt found. False when the run is abandoned while this task
  // unwinds (otherwise that throws).
  bool acquire_contended(TaskId me, std::uint32_t word, const std::source_location& where);
  bool try_acquire(TaskId me, std::uint32_t& word);
  // One round of a contended lock: true once acquired, false after a sleep
  // that ended without it (an unlock that another thread won, or an
  // abandoned run). `blocked`, if given, is marked before sleeping.
  bool acquire_within_one_sleep(TaskId me, BlockedScope* blocked);
  // False, and nothing changed, when `me` does not hold the mutex.
  bool release(TaskId me);
  // Out of line, to keep unlock's common path short.
  [[gnu::cold, gnu::noinline]] void unlocked_by_non_holder(TaskId me);

  ThreadsEngine& engine_;
  const detail::ObjectName& name_;
  FutexWord word_{0};
};

}  // namespace interleave::engines::threads
