// The fiber engine's findings: how a schedule ends in a verdict (a blocked
// loop, a deadlock, a hang, a failed check, a lock-order inversion).

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "detect/capped_list.hpp"
#include "detect/wait_for_graph.hpp"
#include "engines/fiber/fiber_engine.hpp"
#include "engines/fiber/fiber_primitives.hpp"

namespace interleave::engines::fiber {

// A task that slept in the kernel too long since it last reached a
// scheduling point, while others were ready, blocked them all: a blocking
// call inside a fiber. Time the OS ran something else is not counted.
bool FiberEngine::check_blocked_loop(bool may_throw, const std::source_location& where) {
  const BlockedTimeClock::Reading own = blocked_clock_->read_own();
  const std::int64_t held = own.blocked_ns - slice_started_ns_;
  if (own.voluntary_switches >= 0 && own.voluntary_switches == slice_started_switches_) {
    // No voluntary context switch: whatever the clocks say (a hypervisor's
    // steal, say), the thread has not slept in this slice so far.
    slice_started_ns_ = own.blocked_ns;
    return true;
  }
  if (held <= blocked_loop_ns_) {
    // What was published overstated it (a wait in the run queue the kernel
    // had not yet added): compare from the exact figure on.
    slice_started_ns_ = published_blocked_ns_.load(std::memory_order_relaxed) - held;
    return true;
  }
  std::vector<std::string> ready;
  // Waiting to run: able to run now, or asleep with a timer the loop could
  // have fired had it not been held.
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id)
    if (id != current_ &&
        (enabled(id) || (scheduling_[id].state == TaskState::blocked && tasks_[id].wake_at != Duration::max())))
      ready.push_back(tasks_[id].name);
  if (ready.empty()) return true;
  const FiberTask& me = tasks_[current_];
  std::string message = fmt::format(
      "blocked_loop: {} was blocked {} ms in a call that did not yield, {} {}, while {} {} waiting to "
      "run: a blocking call inside a fiber stalls every other task",
      me.name, held / 1'000'000,
      me.last_where.line() == 0 ? "from its start" : "from " + format_location(me.last_where),
      "to " + format_location(where), detect::capped_list(ready), ready.size() == 1 ? "was" : "were");
  std::string event = fmt::format("blocked the loop {} ms", held / 1'000'000);
  if (may_throw) abandon_with(Verdict::blocked_loop, std::move(event), std::move(message), {});
  // From a destructor (an unlock, say): the verdict is kept, and the task
  // unwinds at its next operation that may throw.
  record(Verdict::blocked_loop, std::move(message), std::move(event));
  return false;
}

void FiberEngine::record(Verdict verdict, std::string message, std::string event) {
  if (outcome_.verdict == Verdict::clean) {
    if (recording_ && current_ != kNoTask) note(event.empty() ? std::string(to_string(verdict)) : std::move(event));
    outcome_.verdict = verdict;
    outcome_.message = std::move(message);
  }
  abandoning_ = true;
}

void FiberEngine::abandon_for_deadlock() {
  add_waiting_requests();
  std::vector<detect::WaitEdge> edges;
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id) {
    const FiberTask& task = tasks_[id];
    const SchedulingState& scheduling = scheduling_[id];
    bool waits_for_lock = scheduling.state == TaskState::runnable && scheduling.pending_lock_owner != nullptr;
    if (scheduling.state != TaskState::blocked && !waits_for_lock) continue;
    detect::WaitEdge edge;
    edge.waiter = id;
    edge.waiter_name = task.name;
    edge.where = format_location(task.last_where);
    if (waits_for_lock) {
      edge.resource = task.pending_lock->describe();
      edge.holder = *scheduling.pending_lock_owner;
    } else if (task.join_target != kNoTask) {
      edge.resource = fmt::format("{} to finish", tasks_[task.join_target].name);
      edge.holder = task.join_target;
      edge.held = false;
    } else if (task.waiting_on != nullptr) {
      edge.resource = task.waiting_on->describe();
      edge.holder = task.waiting_on->holder();
    }
    if (edge.holder != kNoTask) edge.holder_name = tasks_[edge.holder].name;
    edges.push_back(std::move(edge));
  }
  auto report = detect::describe_deadlock(edges);
  bool first = outcome_.verdict == Verdict::clean;
  record(Verdict::deadlock, "deadlock: " + report.summary, "deadlock: all tasks blocked");
  if (first) outcome_.details = std::move(report.lines);
}

void FiberEngine::abandon_for_hang() {
  bool first = outcome_.verdict == Verdict::clean;
  record(Verdict::hang, fmt::format("hang: no end after {} scheduling points (livelock or endless wait)", max_steps_));
  if (!first) return;
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id)
    if (scheduling_[id].state != TaskState::finished)
      outcome_.details.push_back(fmt::format("{} last at {}", tasks_[id].name, format_location(tasks_[id].last_where)));
  detect::cap_lines(outcome_.details);
}

void FiberEngine::add_waiting_requests() {
  if (!detect_lock_order_) return;
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id) {
    const FiberTask& task = tasks_[id];
    if (scheduling_[id].state != TaskState::runnable || scheduling_[id].pending_lock_owner == nullptr) continue;
    // Only a mutex pauses a task before it locks (see set_pending_lock).
    const auto* mutex = static_cast<const FiberMutex*>(task.pending_lock);
    if (lock_order_.on_request(id, mutex, mutex->name(), task.last_where)) note_inversion(id);
  }
}

void FiberEngine::note_inversion(TaskId task) {
  if (abandoning_ || !inversion_message_.empty()) return;
  for (const auto& edge : lock_order_.cycle())
    inversion_lines_.push_back(fmt::format(
        "{} holds mutex '{}' (locked at {}) and asks for mutex '{}' at {}", tasks_[edge.task].name,
        edge.from_name->str(), format_location(edge.from_where), edge.to_name->str(), format_location(edge.where)));
  inversion_message_ =
      fmt::format("lock_order_inversion: {}: tasks that take these locks at the same time can deadlock",
                  detect::capped_list(inversion_lines_, "; "));
  detect::cap_lines(inversion_lines_);
  if (recording_) note("lock order inversion", task);
}

void FiberEngine::conclude_inversion() {
  if (inversion_message_.empty()) return;
  if (outcome_.verdict == Verdict::clean) {
    outcome_.verdict = Verdict::lock_order_inversion;
    outcome_.message = std::move(inversion_message_);
    outcome_.details = std::move(inversion_lines_);
    return;
  }
  for (const auto& line : inversion_lines_) outcome_.details.push_back(std::string(kInversionDetail) + line);
}

void FiberEngine::fail_quietly(Verdict verdict, std::string_view message, const std::source_location& where) {
  fail_quietly(verdict, message, format_location(where));
}

void FiberEngine::fail_quietly(Verdict verdict, std::string_view message, std::string_view location) {
  record(verdict,
         fmt::format("{}: {} in {}{}", to_string(verdict), message, task_label(current_),
                     location.empty() ? "" : fmt::format(" at {}", location)),
         verdict == Verdict::invariant ? fmt::format("check fails: {}", message)
                                       : fmt::format("{}: {}", to_string(verdict), message));
}

void FiberEngine::fail_without_leaving(Verdict verdict, std::string message, std::string location) {
  if (!abandoning_) fail_quietly(verdict, message, location);
}

void FiberEngine::fail_and_abort(Verdict verdict, std::string message, const std::source_location& where) {
  fail_quietly(verdict, message, where);
  let_newer_tasks_unwind();
  throw detail::AbortSchedule{};
}

void FiberEngine::abandon_with(Verdict verdict, std::string event, std::string message,
                               std::vector<std::string> details) {
  bool first = outcome_.verdict == Verdict::clean;
  record(verdict, std::move(message), std::move(event));
  if (first) outcome_.details = std::move(details);
  let_newer_tasks_unwind();
  throw detail::AbortSchedule{};
}

}  // namespace interleave::engines::fiber

namespace interleave::engines::fiber {

// Runs in a signal handler while the task is stuck in user code: reads the
// engine, allocates nothing.
void FiberEngine::describe_stuck_task(const void* engine, char* out, std::size_t size) noexcept {
  const auto& self = *static_cast<const FiberEngine*>(engine);
  const TaskId id = self.current_;
  if (id < 0 || id >= static_cast<TaskId>(self.tasks_.size()) || size == 0) return;
  const FiberTask& task = self.tasks_[id];
  const char* file = task.last_where.file_name();
  if (const char* slash = std::strrchr(file, '/')) file = slash + 1;
  const auto written = task.last_where.line() == 0 ? fmt::format_to_n(out, size - 1, "{}, from its start,", task.name)
                                                   : fmt::format_to_n(out, size - 1, "{}, after {}:{},", task.name,
                                                                      file, task.last_where.line());
  *written.out = '\0';
}

void FiberEngine::watch_for_stuck_thread(const BlockedTimeClock::Reading& reading) noexcept {
  // Loaded after the reading: a step that began since makes `held` small.
  const std::int64_t slice = watched_slice_ns_.load(std::memory_order_relaxed);
  const std::int64_t switches_before = ticker_last_switches_;
  ticker_last_switches_ = reading.voluntary_switches;
  if (slice != ticker_slice_ns_) {
    // A step this ticker has not seen before; it began after the previous
    // reading, so that reading's switches are no more than at its start.
    ticker_slice_ns_ = slice;
    ticker_slice_switches_ = switches_before;
    return;
  }
  // Asleep in the kernel by its own call, not waiting for a CPU: it gave
  // the CPU up since the step began.
  if (slice == kNobodyWaits || reading.blocked_ns - slice <= stuck_after_ns_ ||
      reading.voluntary_switches == ticker_slice_switches_)
    return;
  const std::int64_t held = reading.blocked_ns - slice;
  char task[256];
  describe_stuck_task(this, task, sizeof task);
  std::fprintf(stderr,
               "interleave: blocked_loop: task %s has been blocked %lld ms in a call that does not yield, while "
               "other tasks wait to run, and nothing can wake it: it waits on something interleave does not "
               "control (a std::mutex or std::condition_variable held or waited on across a scheduling point? "
               "use interleave::sync). Ending the process: no schedule can finish.\n",
               task, static_cast<long long>(held / 1'000'000));
  std::fflush(stderr);
  std::abort();
}

}  // namespace interleave::engines::fiber
