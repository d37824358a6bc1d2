#pragma once

// interleave::sync::thread and this_thread, with std's names: a thread is a
// task of the engine (a fiber under the fiber engine).

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <ostream>
#include <source_location>
#include <stop_token>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "interleave/backend.hpp"
#include "interleave/control.hpp"
#include "interleave/task.hpp"

namespace interleave::sync {

namespace this_thread {
class id_of_current;
}

class thread {
 public:
  // The engine's task id in the run, plus one: a default-constructed id
  // (a thread with no task) is unlike every task's.
  class id {
   public:
    id() noexcept = default;
    bool operator==(const id&) const = default;
    auto operator<=>(const id&) const = default;
    template <class Char, class Traits>
    friend std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& out, id value) {
      return value.value_ == 0 ? out << "thread::id of no thread" : out << "T" << value.value_ - 1;
    }

   private:
    friend class thread;
    friend class this_thread::id_of_current;
    explicit id(interleave::detail::TaskId task) : value_(static_cast<std::uint64_t>(task) + 1) {}
    std::uint64_t value_ = 0;
  };

  thread() noexcept = default;
  template <class F, class... Args>
    requires(!std::is_same_v<std::remove_cvref_t<F>, thread>)
  explicit thread(F&& f, Args&&... args)
      : task_(spawn(body_of(std::forward<F>(f), std::forward<Args>(args)...))), id_(task_.id()) {}
  thread(thread&& other) noexcept : task_(std::move(other.task_)), id_(std::exchange(other.id_, id{})) {}
  thread& operator=(thread&& other) {
    if (joinable()) still_joinable("assigned to");
    task_ = std::move(other.task_);
    id_ = std::exchange(other.id_, id{});
    return *this;
  }
  ~thread() {
    if (joinable()) still_joinable("destroyed");
  }

  bool joinable() const noexcept { return task_.joinable(); }
  id get_id() const noexcept { return id_; }
  void join(const std::source_location& where = std::source_location::current()) {
    if (!joinable()) throw std::system_error(std::make_error_code(std::errc::invalid_argument), "thread::join");
    task_.join(where);
    id_ = id{};
  }
  // The task runs on unjoined, as a detached std::thread does; the
  // schedule still ends only once it has, so what it does is explored.
  void detach() {
    if (!joinable()) throw std::system_error(std::make_error_code(std::errc::invalid_argument), "thread::detach");
    task_.detach();
    id_ = id{};
  }
  void swap(thread& other) noexcept {
    std::swap(task_, other.task_);
    std::swap(id_, other.id_);
  }
  static unsigned hardware_concurrency() noexcept { return std::thread::hardware_concurrency(); }

 private:
  // std::thread calls std::terminate here. Under interleave that is a
  // finding (a crash) rather than the end of the test, and the task is
  // joined, so that nothing it uses is freed under it; while an abandoned
  // schedule unwinds it is no finding at all.
  void still_joinable(const char* what) noexcept {
    if (std::uncaught_exceptions() == 0) {
      try {
        interleave::detail::current_backend().fail(
            Verdict::crash,
            fmt::format("a sync::thread was {} while joinable: std::thread would call std::terminate; join it first",
                        what),
            std::source_location::current());
      } catch (...) {
      }
    }
    Task{std::move(task_)};  // ~Task joins
  }

  template <class F, class... Args>
  static std::function<void()> body_of(F&& f, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      return std::forward<F>(f);
    else
      return [call = std::bind_front(std::forward<F>(f), std::forward<Args>(args)...)]() mutable { std::invoke(call); };
  }

  friend class jthread;
  Task task_;
  id id_;
};

// A thread that joins when it goes, after asking its function to stop
// through a std::stop_token (when the function takes one first).
class jthread {
 public:
  using id = thread::id;
  jthread() noexcept = default;
  template <class F, class... Args>
    requires(!std::is_same_v<std::remove_cvref_t<F>, jthread>)
  explicit jthread(F&& f, Args&&... args) : thread_(start(std::forward<F>(f), std::forward<Args>(args)...)) {}
  jthread(jthread&&) noexcept = default;
  void detach() { thread_.detach(); }
  ~jthread() {
    if (!joinable()) return;
    stop_.request_stop();
    Task{std::move(thread_.task_)};  // ~Task joins, and is quiet while a schedule unwinds
  }

  bool joinable() const noexcept { return thread_.joinable(); }
  id get_id() const noexcept { return thread_.get_id(); }
  void join(const std::source_location& where = std::source_location::current()) { thread_.join(where); }
  std::stop_source get_stop_source() noexcept { return stop_; }
  std::stop_token get_stop_token() const noexcept { return stop_.get_token(); }
  bool request_stop() noexcept { return stop_.request_stop(); }

 private:
  template <class F, class... Args>
  thread start(F&& f, Args&&... args) {
    if constexpr (std::is_invocable_v<std::decay_t<F>, std::stop_token, std::decay_t<Args>...>)
      return thread(std::forward<F>(f), stop_.get_token(), std::forward<Args>(args)...);
    else
      return thread(std::forward<F>(f), std::forward<Args>(args)...);
  }

  std::stop_source stop_;
  thread thread_;
};

namespace this_thread {

class id_of_current {
 public:
  static thread::id get() { return thread::id(interleave::detail::current_backend().current_task()); }
};

inline thread::id get_id() { return id_of_current::get(); }

inline void yield(const std::source_location& where = std::source_location::current()) {
  interleave::yield_point(where);
}

template <class Rep, class Period>
void sleep_for(const std::chrono::duration<Rep, Period>& duration,
               const std::source_location& where = std::source_location::current()) {
  interleave::sleep_for(std::chrono::duration_cast<Duration>(duration), where);
}

}  // namespace this_thread

}  // namespace interleave::sync
