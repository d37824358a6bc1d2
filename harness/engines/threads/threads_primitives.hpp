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

class ThreadTaskHandle final : public detail::TaskImpl, public Waitable {
 public:
  ThreadTaskHandle(ThreadsEngine& engine, TaskId target) : engine_(engine), target_(target) {}
  void join(const std::source_location& where) override;
  std::string describe() const override;
  TaskId holder() const override { return target_; }

 private:
  ThreadsEngine& engine_;
  TaskId target_;
};

class ThreadSemaphore final : public detail::SemaphoreImpl, public Waitable {
 public:
  ThreadSemaphore(ThreadsEngine& engine, std::string name, int initial)
      : engine_(engine), name_(std::move(name)), count_(initial) {}

  void acquire(const std::source_location& where) override;
  bool try_acquire(const std::source_location& where) override;
  bool try_acquire_for(Duration timeout, const std::source_location& where) override;
  void release(int count, const std::source_location& where) override;

  std::string describe() const override { return "semaphore '" + name_ + "'"; }

 private:
  bool acquire_until(std::chrono::steady_clock::time_point deadline, bool timed, const std::source_location& where);

  ThreadsEngine& engine_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable available_;
  int count_;
};

}  // namespace interleave::engines::threads
