// The runtime API's entry points: each forwards to the engine running on this thread.

#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "interleave/control.hpp"
#include "interleave/task.hpp"

namespace interleave {
namespace detail {

void throw_no_active_run() {
  throw std::logic_error("interleave: a runtime primitive was used outside interleave::explore or a scenario run");
}

void begin_run(Backend& backend) {
  static std::atomic<std::uint64_t> runs{0};
  backend.run_id = runs.fetch_add(1, std::memory_order_relaxed) + 1;
}

}  // namespace detail

Task spawn(std::function<void()> body, std::string name) {
  return Task(detail::current_backend().spawn(std::move(body), std::move(name)));
}

void Task::join(const std::source_location& where) {
  if (!impl_) throw std::logic_error("interleave: join on a task that is not joinable");
  impl_->join(where);
  impl_.reset();
}

Task::~Task() {
  if (!impl_) return;
  try {
    // Joined where the handle goes out of scope, a line no source_location
    // names: the report says whom it waits for, at no line of ours.
    impl_->join(std::source_location{});
  } catch (const detail::AbortSchedule&) {
    // The run was abandoned while joining; the task's next operation unwinds it.
  }
}

void sleep_for(Duration duration, const std::source_location& where) {
  detail::current_backend().sleep_for(duration, where);
}

Duration now() { return detail::current_backend().now(); }

void yield_point(const std::source_location& where) { detail::current_backend().yield_point(where); }

void check(bool condition, std::string_view message, const std::source_location& where) {
  if (!condition) detail::current_backend().fail(Verdict::invariant, std::string(message), where);
}

}  // namespace interleave
