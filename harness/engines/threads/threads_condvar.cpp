#include "engines/threads/threads_condvar.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engines/threads/blocked_scope.hpp"
#include "engines/threads/threads_mutex.hpp"
#include "engines/threads/wait_deadline.hpp"

namespace interleave::engines::threads {

bool ThreadCondVar::wait_until(ThreadMutex& mutex, Clock::time_point deadline, bool timed,
                               const std::source_location& where) {
  if (!mutex.held_by_me()) {
    engine_.record(Verdict::crash, fmt::format("crash: {} waits on {} without holding its mutex",
                                               engine_.task_label(engine_.current()), describe()));
    engine_.still_running();
    return false;
  }
  Waiter me;
  {
    std::lock_guard guard(waiters_mutex_);
    enqueue(me);
  }
  mutex.unlock_for_wait();
  const bool woken = sleep(me, deadline, timed, where) || leave(me);
  mutex.relock_after_wait(where);
  // Without the mutex only in an abandoned run, which this unwinds (the
  // guard's unlock of a mutex it does not hold is then ignored).
  engine_.still_running();
  return woken;
}

bool ThreadCondVar::sleep(Waiter& me, Clock::time_point deadline, bool timed, const std::source_location& where) {
  BlockedScope blocked(engine_, this, where, timed, kNoTask, &me.state);
  std::uint32_t state = me.state.load(std::memory_order_acquire);
  while (state != Waiter::kWoken) {
    if (engine_.abandoning()) return false;
    auto slice = std::chrono::duration_cast<std::chrono::nanoseconds>(ThreadsEngine::kPoll);
    if (timed) {
      const auto now = Clock::now();
      if (now >= deadline) return false;
      slice = std::min<std::chrono::nanoseconds>(slice, deadline - now);
    }
    if (state == Waiter::kAwake && !me.state.compare_exchange_strong(state, Waiter::kAsleep, std::memory_order_acquire))
      continue;
    if (timed) {
      futex_wait_for(me.state, Waiter::kAsleep, slice);
    } else {
      blocked.mark();
      engine_.sleep_on(me.state, Waiter::kAsleep);
    }
    state = me.state.load(std::memory_order_acquire);
  }
  return true;
}

bool ThreadCondVar::leave(Waiter& me) {
  {
    std::lock_guard guard(waiters_mutex_);
    if (remove(me)) return false;
  }
  // A notify has taken us off the queue and is about to wake us; it must be
  // done with our Waiter before we return and it goes out of scope.
  while (me.state.load(std::memory_order_acquire) != Waiter::kWoken) std::this_thread::yield();
  return true;
}

// Called with the waiter off the queue and waiters_mutex_ released: once
// its state is kWoken the waiter may return, and it, or even this condition
// variable, may be gone; only the futex word's address is used after that.
void ThreadCondVar::wake(Waiter& waiter) {
  if (waiter.state.exchange(Waiter::kWoken, std::memory_order_release) == Waiter::kAsleep) futex_wake(waiter.state, 1);
}

bool ThreadCondVar::lets_go(TaskId, const BlockedMark& mark) const {
  return mark.woken == nullptr || mark.woken->load(std::memory_order_relaxed) == Waiter::kWoken;
}

void ThreadCondVar::wait(detail::MutexImpl& mutex, const std::source_location& where) {
  engine_.enter();
  wait_until(static_cast<ThreadMutex&>(mutex), Clock::time_point::max(), false, where);
}

bool ThreadCondVar::wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) {
  engine_.enter();
  return wait_until(static_cast<ThreadMutex&>(mutex), deadline_after(timeout), true, where);
}

void ThreadCondVar::notify_one(const std::source_location&) {
  engine_.enter(false);
  if (oldest_.load(std::memory_order_acquire) == nullptr) return;
  Waiter* oldest = nullptr;
  {
    std::lock_guard guard(waiters_mutex_);
    oldest = dequeue_oldest();
  }
  if (oldest) wake(*oldest);
}

void ThreadCondVar::notify_all(const std::source_location&) {
  engine_.enter(false);
  if (oldest_.load(std::memory_order_acquire) == nullptr) return;
  Waiter* everyone = nullptr;
  {
    std::lock_guard guard(waiters_mutex_);
    everyone = oldest_.exchange(nullptr, std::memory_order_relaxed);
    newest_ = nullptr;
  }
  while (everyone) {
    Waiter* next = everyone->next;  // read first: once woken, the waiter may be gone
    wake(*everyone);
    everyone = next;
  }
}

void ThreadCondVar::enqueue(Waiter& waiter) {
  if (newest_)
    newest_->next = &waiter;
  else
    oldest_.store(&waiter, std::memory_order_release);
  newest_ = &waiter;
}

ThreadCondVar::Waiter* ThreadCondVar::dequeue_oldest() {
  Waiter* oldest = oldest_.load(std::memory_order_relaxed);
  if (!oldest) return nullptr;
  oldest_.store(oldest->next, std::memory_order_relaxed);
  if (newest_ == oldest) newest_ = nullptr;
  return oldest;
}

bool ThreadCondVar::remove(Waiter& waiter) {
  Waiter* previous = nullptr;
  for (Waiter* at = oldest_.load(std::memory_order_relaxed); at; previous = at, at = at->next) {
    if (at != &waiter) continue;
    if (previous)
      previous->next = at->next;
    else
      oldest_.store(at->next, std::memory_order_relaxed);
    if (newest_ == at) newest_ = previous;
    return true;
  }
  return false;
}

}  // namespace interleave::engines::threads
