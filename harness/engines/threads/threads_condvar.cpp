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
    waiters_.push_back(&me);
    waiter_count_.store(waiters_.size(), std::memory_order_release);
  }
  mutex.unlock_for_wait();
  const bool woken = sleep(me, deadline, timed, where) || leave(me);
  mutex.relock_after_wait();
  engine_.still_running();
  return woken;
}

bool ThreadCondVar::sleep(Waiter& me, Clock::time_point deadline, bool timed, const std::source_location& where) {
  BlockedScope blocked(engine_, this, where, timed);
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
    futex_wait(me.state, Waiter::kAsleep, slice);
    state = me.state.load(std::memory_order_acquire);
    if (state != Waiter::kWoken) blocked.mark();
  }
  return true;
}

bool ThreadCondVar::leave(Waiter& me) {
  {
    std::lock_guard guard(waiters_mutex_);
    auto found = std::find(waiters_.begin(), waiters_.end(), &me);
    if (found != waiters_.end()) {
      waiters_.erase(found);
      waiter_count_.store(waiters_.size(), std::memory_order_release);
      return false;
    }
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
  if (waiter_count_.load(std::memory_order_acquire) == 0) return;
  Waiter* oldest = nullptr;
  {
    std::lock_guard guard(waiters_mutex_);
    if (waiters_.empty()) return;
    oldest = waiters_.front();
    waiters_.erase(waiters_.begin());
    waiter_count_.store(waiters_.size(), std::memory_order_release);
  }
  wake(*oldest);
}

void ThreadCondVar::notify_all(const std::source_location&) {
  engine_.enter(false);
  if (waiter_count_.load(std::memory_order_acquire) == 0) return;
  std::vector<Waiter*> everyone;
  {
    std::lock_guard guard(waiters_mutex_);
    everyone.swap(waiters_);
    waiter_count_.store(0, std::memory_order_release);
  }
  for (Waiter* waiter : everyone) wake(*waiter);
}

}  // namespace interleave::engines::threads
