#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "engines/threads/threads_engine.hpp"

namespace interleave::engines::threads {

// Each primitive wraps a real std:: one, so ThreadSanitizer sees real
// synchronization, and waits in short timed slices so that an abandoned run
// can unwind a thread that would otherwise block forever.

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

class ThreadMutex final : public detail::MutexImpl, public Waitable {
 public:
  ThreadMutex(ThreadsEngine& engine, std::string name);
  ~ThreadMutex() override;
  ThreadMutex(const ThreadMutex&) = delete;
  ThreadMutex& operator=(const ThreadMutex&) = delete;

  void lock(const std::source_location& where) override;
  bool try_lock(const std::source_location& where) override;
  void unlock(const std::source_location& where) override;

  std::string describe() const override { return "mutex '" + name_ + "'"; }
  TaskId holder() const override { return owner_.load(std::memory_order_relaxed); }

  // Without a scheduling point, for a condition variable's wait. The relock
  // cannot be abandoned: the holder is live and will release it.
  void relock_after_wait();
  void unlock_for_wait();
  bool held_by_me() const { return owner_.load(std::memory_order_relaxed) == engine_.current(); }

 private:
  bool acquire();

  ThreadsEngine& engine_;
  std::string name_;
  std::timed_mutex mutex_;
  std::atomic<TaskId> owner_{kNoTask};
};

class ThreadCondVar final : public detail::CondVarImpl, public Waitable {
 public:
  ThreadCondVar(ThreadsEngine& engine, std::string name) : engine_(engine), name_(std::move(name)) {}

  void wait(detail::MutexImpl& mutex, const std::source_location& where) override;
  bool wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) override;
  void notify_one(const std::source_location& where) override;
  void notify_all(const std::source_location& where) override;

  std::string describe() const override { return "condition variable '" + name_ + "'"; }

 private:
  bool wait_until(ThreadMutex& mutex, std::chrono::steady_clock::time_point deadline, bool timed);

  ThreadsEngine& engine_;
  std::string name_;
  std::mutex state_mutex_;
  std::condition_variable wakeup_;
  // One flag per waiting thread; notify sets flags, so a notify with no
  // waiter is lost, as with std::condition_variable.
  std::vector<bool*> waiters_;
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
  bool acquire_until(std::chrono::steady_clock::time_point deadline, bool timed);

  ThreadsEngine& engine_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable available_;
  int count_;
};

}  // namespace interleave::engines::threads
