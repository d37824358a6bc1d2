#pragma once

#include <string>
#include <vector>

#include "detect/vector_clock.hpp"
#include "engines/fiber/fiber_engine.hpp"

namespace interleave::engines::fiber {

// The runtime primitives as the fiber engine models them: plain state plus a
// list of blocked tasks. Waking is always "make runnable and let the waiter
// retry", so the strategy, not a queue order, decides who gets a released
// mutex.

class FiberTaskHandle final : public detail::TaskImpl, public Waitable {
 public:
  FiberTaskHandle(FiberEngine& engine, TaskId target) : engine_(engine), target_(target) {}
  void join(const std::source_location& where) override;
  TaskId id() const override { return target_; }
  std::string describe() const override;
  TaskId holder() const override { return target_; }

 private:
  FiberEngine& engine_;
  TaskId target_;
};

class FiberMutex final : public detail::MutexImpl, public Waitable {
 public:
  FiberMutex(FiberEngine& engine, const detail::ObjectName& name) : engine_(engine), name_(name) {}

  void lock(const std::source_location& where) override;
  bool try_lock(const std::source_location& where) override;
  void unlock(const std::source_location& where) override;

  std::string describe() const override { return "mutex '" + name_.str() + "'"; }
  TaskId holder() const override { return owner_; }

  // Without a scheduling point: for a condition variable's wait.
  bool acquire_after_wait(const std::source_location& where);
  void release_for_wait();
  TaskId owner() const { return owner_; }
  const detail::ObjectName& name() const { return name_; }

 private:
  // `request`: how the lock-order graph sees this acquisition (see
  // FiberEngine::on_lock_acquired).
  bool acquire(const std::source_location& where, LockRequest request, bool noted = true);
  void take(const std::source_location& where, LockRequest request, bool noted = true);
  void release(bool noted = true);

  FiberEngine& engine_;
  const detail::ObjectName& name_;
  TaskId owner_ = kNoTask;
  std::uint64_t paused_ = 0;  // tasks paused right before locking this mutex (ids below 64)
  detect::VectorClock clock_;
  std::vector<TaskId> waiters_;
};

class FiberCondVar final : public detail::CondVarImpl, public Waitable {
 public:
  FiberCondVar(FiberEngine& engine, const detail::ObjectName& name) : engine_(engine), name_(name) {}

  void wait(detail::MutexImpl& mutex, const std::source_location& where) override;
  bool wait_for(detail::MutexImpl& mutex, Duration timeout, const std::source_location& where) override;
  void notify_one(const std::source_location& where) override;
  void notify_all(const std::source_location& where) override;

  std::string describe() const override { return "condition variable '" + name_.str() + "'"; }

 private:
  // Returns true when notified, false on timeout or when the schedule is abandoned.
  bool wait_until(FiberMutex& mutex, Duration deadline, const std::source_location& where);
  void drop_stale_waiters();

  FiberEngine& engine_;
  const detail::ObjectName& name_;
  std::vector<TaskId> waiters_;
};

class FiberSemaphore final : public detail::SemaphoreImpl, public Waitable {
 public:
  FiberSemaphore(FiberEngine& engine, const detail::ObjectName& name, int initial)
      : engine_(engine), name_(name), count_(initial) {}

  void acquire(const std::source_location& where) override;
  bool try_acquire(const std::source_location& where) override;
  bool try_acquire_for(Duration timeout, const std::source_location& where) override;
  void release(int count, const std::source_location& where) override;

  std::string describe() const override { return "semaphore '" + name_.str() + "'"; }

 private:
  bool acquire_until(Duration deadline);

  FiberEngine& engine_;
  const detail::ObjectName& name_;
  int count_;
  std::vector<TaskId> waiters_;
  detect::VectorClock clock_;
};

}  // namespace interleave::engines::fiber
