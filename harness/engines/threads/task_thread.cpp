#include "engines/threads/task_thread.hpp"

#include <cerrno>
#include <ctime>
#include <memory>
#include <system_error>
#include <utility>

#include "engines/threads/wait_deadline.hpp"

namespace interleave::engines::threads {
namespace {

void* run_body(void* argument) {
  std::unique_ptr<std::function<void()>> body(static_cast<std::function<void()>*>(argument));
  (*body)();
  return nullptr;
}

// pthread_timedjoin_np takes an absolute CLOCK_REALTIME time.
timespec realtime_after(std::chrono::nanoseconds timeout) {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return to_timespec(std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec) + timeout);
}

}  // namespace

TaskThread::TaskThread(std::function<void()> body) {
  auto owned = std::make_unique<std::function<void()>>(std::move(body));
  if (const int error = pthread_create(&handle_, nullptr, run_body, owned.get()); error != 0)
    throw std::system_error(error, std::generic_category(), "cannot start a task's thread");
  owned.release();  // run_body owns it now
  started_ = true;
}

TaskThread::~TaskThread() {
  if (joinable()) join();
}

TaskThread::TaskThread(TaskThread&& other) noexcept
    : handle_(other.handle_), started_(std::exchange(other.started_, false)) {}

TaskThread& TaskThread::operator=(TaskThread&& other) noexcept {
  if (this != &other) {
    if (joinable()) join();
    handle_ = other.handle_;
    started_ = std::exchange(other.started_, false);
  }
  return *this;
}

void TaskThread::join() {
  if (!started_) return;
  pthread_join(handle_, nullptr);
  started_ = false;
}

bool TaskThread::join_for(std::chrono::nanoseconds timeout) {
  if (!started_) return true;
  const timespec deadline = realtime_after(timeout);
  const int result = pthread_timedjoin_np(handle_, nullptr, &deadline);
  if (result == ETIMEDOUT) return false;
  started_ = false;
  return true;
}

}  // namespace interleave::engines::threads
