#pragma once

#include <pthread.h>

#include <chrono>
#include <functional>

namespace interleave::engines::threads {

// A thread whose join can give up after a while, which std::thread's cannot:
// a task's join waits on the thread's own exit (pthread_timedjoin_np, which
// ThreadSanitizer intercepts like pthread_join) in bounded slices. Waiting
// on the exit itself, rather than on a flag the thread sets before it
// exits, costs one sleep and one wake instead of two of each.
class TaskThread {
 public:
  TaskThread() = default;
  // Starts `body` on a new thread; throws std::system_error if it cannot.
  explicit TaskThread(std::function<void()> body);
  // Joins first, like std::jthread.
  ~TaskThread();
  TaskThread(TaskThread&& other) noexcept;
  TaskThread& operator=(TaskThread&& other) noexcept;
  TaskThread(const TaskThread&) = delete;
  TaskThread& operator=(const TaskThread&) = delete;

  bool joinable() const { return started_; }
  void join();
  // Joins if the thread ends within `timeout`; false if it is still running.
  bool join_for(std::chrono::nanoseconds timeout);

 private:
  pthread_t handle_{};
  bool started_ = false;
};

}  // namespace interleave::engines::threads
