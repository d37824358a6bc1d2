#pragma once

#include <atomic>
#include <string>

#include "engines/threads/futex.hpp"
#include "engines/threads/spin_lock.hpp"
#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

class ThreadMutex;

// A condition variable that wakes exactly the waiters it notifies: each
// waiter sleeps on a futex word of its own, and notify_one wakes the
// longest-waiting one. So there are no spurious wakeups to hide a lost one,
// and a notify with no waiter is lost, as with std::condition_variable.
class ThreadCondVar final : public detail::CondVarImpl, public Blocker {
 public:
  ThreadCondVar(ThreadsEngine& engine, const detail::ObjectName& name) : engine_(engine), name_(name) {}

  void wait(detail::MutexImpl& mutex, const std::source_location& where) override;
  bool wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) override;
  void notify_one(const std::source_location& where) override;
  void notify_all(const std::source_location& where) override;

  std::string describe() const override { return "condition variable '" + name_.str() + "'"; }
  // A waiter is stuck until a notify has set its word to woken (which the
  // notifier does before it wakes the waiter).
  bool lets_go(TaskId waiter, const BlockedMark& mark) const override;

 private:
  // Lives on the waiter's stack for the length of one wait, linked into the
  // queue itself: a notify touches the condition variable and the waiter,
  // nothing else.
  struct Waiter {
    static constexpr std::uint32_t kAwake = 0, kAsleep = 1, kWoken = 2;
    FutexWord state{kAwake};
    Waiter* next = nullptr;
  };

  bool wait_until(ThreadMutex& mutex, std::chrono::steady_clock::time_point deadline, bool timed,
                  const std::source_location& where);
  // Sleeps until woken, the deadline or the run's abandoning; true if woken.
  bool sleep(Waiter& me, std::chrono::steady_clock::time_point deadline, bool timed, const std::source_location& where);
  // Leaves the queue after a timeout; true if a notify took us out first.
  bool leave(Waiter& me);
  static void wake(Waiter& waiter);
  // The queue, under waiters_mutex_.
  void enqueue(Waiter& waiter);
  Waiter* dequeue_oldest();
  bool remove(Waiter& waiter);

  ThreadsEngine& engine_;
  const detail::ObjectName& name_;
  SpinLock waiters_mutex_;
  // Oldest first. Written under waiters_mutex_; read without it only to
  // see that nobody waits.
  std::atomic<Waiter*> oldest_{nullptr};
  Waiter* newest_ = nullptr;
};

}  // namespace interleave::engines::threads
