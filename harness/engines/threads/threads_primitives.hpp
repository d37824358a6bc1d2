#pragma once

#include <condition_variable>
#include <mutex>
#include <string>

#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

// A task's join handle, and the semaphore. The semaphore wraps a real std::
// mutex and condition variable, so ThreadSanitizer sees real
// synchronization, and waits in short timed slices so that an abandoned run
// can unwind a thread that would otherwise block forever. The mutex and the
// condition variable have files of their own.

class ThreadTaskHandle final : public detail::TaskImpl, public Blocker {
 public:
  ThreadTaskHandle(ThreadsEngine& engine, TaskId target)
      : engine_(engine), target_(target), target_task_(engine.task(target)) {}
  void join(const std::source_location& where) override;
  TaskId id() const override { return target_; }
  std::string describe() const override;
  TaskId holder() const override { return target_; }
  // A joiner is stuck until the task it joins has finished.
  bool lets_go(TaskId, const BlockedMark&) const override { return target_task_.finished.load(); }

 private:
  ThreadsEngine& engine_;
  TaskId target_;
  ThreadTask& target_task_;  // the engine's list keeps it where it is
};

class ThreadSemaphore final : public detail::SemaphoreImpl, public Blocker {
 public:
  ThreadSemaphore(ThreadsEngine& engine, const detail::ObjectName& name, int initial)
      : engine_(engine), name_(name), count_(initial) {}

  void acquire(const std::source_location& where) override;
  bool try_acquire(const std::source_location& where) override;
  bool try_acquire_for(Duration timeout, const std::source_location& where) override;
  void release(int count, const std::source_location& where) override;

  std::string describe() const override { return "semaphore '" + name_.str() + "'"; }
  // A waiter is stuck while there is nothing to take.
  bool lets_go(TaskId, const BlockedMark&) const override { return count_.load(std::memory_order_relaxed) > 0; }

 private:
  bool acquire_until(std::chrono::steady_clock::time_point deadline, bool timed, const std::source_location& where);

  ThreadsEngine& engine_;
  const detail::ObjectName& name_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::atomic<int> count_;  // changed under mutex_; atomic for the watchdog, which reads it without
};

}  // namespace interleave::engines::threads
