#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <string>

#include "interleave/backend.hpp"

namespace interleave {

// A spawned task: a fiber under the fiber engine, a std::thread under the
// threads engine. Join it before reading what it wrote. Like std::jthread, a
// Task still joinable when destroyed joins first, so that a scope that
// unwinds cannot free what its tasks still use.
class Task {
 public:
  Task() = default;
  explicit Task(std::unique_ptr<detail::TaskImpl> impl) : impl_(std::move(impl)) {}
  Task(Task&&) noexcept = default;
  Task& operator=(Task&&) noexcept = default;
  ~Task();

  void join(const std::source_location& where = std::source_location::current());
  bool joinable() const { return impl_ != nullptr; }
  // Lets the task run on unjoined; the run still waits for it to end.
  void detach() { impl_.reset(); }
  // The task's id in its run; -1 once joined or detached.
  detail::TaskId id() const { return impl_ ? impl_->id() : -1; }

 private:
  std::unique_ptr<detail::TaskImpl> impl_;
};

Task spawn(std::function<void()> body, std::string name = {});

}  // namespace interleave
