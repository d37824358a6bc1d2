#include "engines/threads/threads_engine.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <limits>
#include <new>
#include <system_error>

#include "detect/capped_list.hpp"
#include "detect/wait_for_graph.hpp"
#include "engines/threads/threads_condvar.hpp"
#include "engines/threads/threads_mutex.hpp"
#include "engines/threads/threads_primitives.hpp"
#include "engines/threads/tsan_annotations.hpp"

namespace interleave::engines::threads {

ThreadsEngine::ThreadsEngine(double noise, std::uint64_t max_steps, std::chrono::milliseconds hang_timeout,
                             bool finish_after_failed_check)
    : noise_(noise),
      max_steps_(max_steps),
      hang_timeout_(hang_timeout),
      finish_after_failed_check_(finish_after_failed_check) {
  // Without noise a plain access is not a scheduling point: nothing to add there.
  sees_plain_accesses = noise > 0;
}

ThreadsEngine::~ThreadsEngine() { join_all(); }

ThreadTask& ThreadsEngine::task(TaskId id) {
  std::lock_guard guard(tasks_mutex_);
  return tasks_[id];
}

std::string ThreadsEngine::task_label(TaskId id) { return task(id).name; }

const RunOutcome& ThreadsEngine::run(const std::function<void()>& body, std::uint64_t seed) {
  tsan::schedule_started(seed);
  seed_ = seed;
  tasks_.clear();
  live_ = 0;
  abandoning_ = false;
  detail::begin_run(*this);
  outcome_ = RunOutcome{};
  started_ = std::chrono::steady_clock::now();
  last_steps_ = 0;
  stall_.restart(started_);
  seen_episodes_.clear();
  seen_stuck_ = false;

  TaskId main_id = kNoTask;
  ThreadTask& main_task = add_task("main", main_id);
  Watchdog::watch(*this);
  run_task(main_id, main_task, body);
  {
    // Tasks that main did not join run to their end too.
    std::unique_lock lock(done_mutex_);
    done_.wait(lock, [this] { return live_ == 0; });
  }
  Watchdog::unwatch(*this);
  join_all();
  outcome_.steps = total_steps();
  outcome_.tasks = static_cast<int>(tasks_.size());
  outcome_.workers_acted = std::any_of(tasks_.begin() + std::min<std::size_t>(1, tasks_.size()), tasks_.end(),
                                       [](const ThreadTask& task) { return task.steps.load() != 0; });
  return outcome_;
}

ThreadTask& ThreadsEngine::add_task(std::string name, TaskId& id) {
  std::lock_guard guard(tasks_mutex_);
  id = static_cast<TaskId>(tasks_.size());
  ThreadTask& task = tasks_.emplace_back();
  task.name = name.empty() ? fmt::format("T{}", id) : std::move(name);
  ++live_;
  return task;
}

TaskId ThreadsEngine::start_task(std::function<void()> body, std::string name) {
  TaskId id = kNoTask;
  ThreadTask& task = add_task(std::move(name), id);
  try {
    // std::deque keeps references to its elements valid as it grows.
    task.thread = TaskThread([this, id, &task, body = std::move(body)] { run_task(id, task, body); });
  } catch (const std::system_error& error) {
    not_started(task, error.code().message());
  } catch (const std::bad_alloc&) {
    not_started(task, "out of memory");
  }
  return id;
}

// The task that could not start is finished, so that nobody waits for it;
// the run ends as a crash, and the tasks already started unwind.
void ThreadsEngine::not_started(ThreadTask& task, const std::string& reason) {
  task.finished.store(true, std::memory_order_release);
  {
    std::lock_guard guard(done_mutex_);
    --live_;
  }
  done_.notify_all();
  record(Verdict::crash, fmt::format("crash: could not start thread for task {}: {}", task.name, reason));
  still_running();
}

void ThreadsEngine::run_task(TaskId id, ThreadTask& me, const std::function<void()>& body) {
  // The main task runs on the caller's thread: leave it as it was found.
  const ThreadContext callers_context = this_thread_context;
  detail::Backend* const callers_backend = detail::active_backend;
  this_thread_context = ThreadContext{};
  this_thread_context.id = id;
  this_thread_context.self = &me;
  this_thread_context.noise.reseed(seed_ * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(id));
  me.thread_id.store(gettid(), std::memory_order_relaxed);
  detail::set_current_backend(this);
  try {
    body();
  } catch (const detail::AbortSchedule&) {
  } catch (const std::exception& error) {
    record(Verdict::crash, fmt::format("crash: uncaught exception in {}: {}", task_label(id), error.what()));
  } catch (...) {
    record(Verdict::crash, fmt::format("crash: uncaught non-standard exception in {}", task_label(id)));
  }
  publish_steps();
  detail::set_current_backend(callers_backend);
  this_thread_context = callers_context;
  me.finished.store(true, std::memory_order_release);
  {
    std::lock_guard guard(done_mutex_);
    --live_;
  }
  done_.notify_all();
}

void ThreadsEngine::join_all() {
  std::lock_guard guard(tasks_mutex_);
  for (auto& task : tasks_)
    if (task.thread.joinable()) task.thread.join();
}

// On the watchdog's thread, now and then while the run is watched.
bool ThreadsEngine::watchdog_tick() {
  if (live_ == 0) return false;
  if (abandoning_) {
    // Again at every look: a task that was about to sleep when the last
    // wake went out has missed it.
    wake_sleepers();
    return true;
  }
  const std::uint64_t steps = total_steps();
  if (steps > max_steps_) {
    record(Verdict::hang,
           fmt::format("hang: no end after {} scheduling points (livelock or endless wait)", max_steps_));
    return false;
  }
  const bool all_marked = look_for_deadlock();
  if (!abandoning_) look_for_hang(steps);
  return all_marked;
}

// A deadlock is a state, not a duration: every live task marked on
// something that cannot let it go. The look is not one atomic snapshot, so
// it is taken in two halves a look apart: the marks, then what each task
// waits for; a deadlock is recorded only if the next look finds every mark
// in the same episode. Each task was then marked all along in between, and
// a marked task releases nothing, so what the conditions said still held.
bool ThreadsEngine::look_for_deadlock() {
  std::vector<std::uint64_t> episodes;
  if (!read_marks(episodes)) {
    seen_episodes_.clear();
    seen_stuck_ = false;
    return false;
  }
  if (seen_stuck_ && episodes == seen_episodes_) {
    record(Verdict::deadlock, "deadlock: " + seen_summary_, std::move(seen_lines_));
    return true;
  }
  seen_episodes_ = std::move(episodes);
  seen_stuck_ = all_stuck_report(seen_lines_, seen_summary_);
  return true;
}

void ThreadsEngine::look_for_hang(std::uint64_t steps) {
  const auto now = std::chrono::steady_clock::now();
  if (steps != last_steps_) {
    last_steps_ = steps;
    stall_.restart(now);
    return;
  }
  std::vector<pid_t> threads;
  std::vector<std::string> names;
  {
    tsan::IgnoreScope invisible_to_tsan;
    std::lock_guard guard(tasks_mutex_);
    for (const ThreadTask& task : tasks_) {
      if (task.finished.load()) continue;
      threads.push_back(task.thread_id.load(std::memory_order_relaxed));
      names.push_back(task.name);
    }
  }
  if (stall_.look(now, threads) > hang_timeout_)
    record(Verdict::hang, fmt::format("hang: no progress for {} ms (time when the machine ran none of the tasks not "
                                      "counted); live tasks: {}",
                                      hang_timeout_.count(), detect::capped_list(names)));
}

std::uint64_t ThreadsEngine::total_steps() {
  tsan::IgnoreScope invisible_to_tsan;  // the watchdog's lock must not order the tasks
  std::lock_guard guard(tasks_mutex_);
  std::uint64_t total = 0;
  for (const ThreadTask& task : tasks_) total += task.steps.load(std::memory_order_relaxed);
  return total;
}

bool ThreadsEngine::read_marks(std::vector<std::uint64_t>& episodes) {
  // The watchdog is the harness, not the program: its locking of each
  // task's wait_guard must not order the tasks with each other for TSan.
  tsan::IgnoreScope invisible_to_tsan;
  std::lock_guard guard(tasks_mutex_);
  for (ThreadTask& task : tasks_) {
    // A finished task stands in the list as an episode of its own.
    if (task.finished.load()) {
      episodes.push_back(0);
      continue;
    }
    std::lock_guard still_waiting(task.wait_guard);
    if (task.mark.on == nullptr) return false;
    episodes.push_back(task.mark.episode);
  }
  return !episodes.empty();
}

bool ThreadsEngine::all_stuck_report(std::vector<std::string>& lines, std::string& summary) {
  std::vector<detect::WaitEdge> edges;
  tsan::IgnoreScope invisible_to_tsan;  // as in read_marks
  std::lock_guard guard(tasks_mutex_);
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id) {
    ThreadTask& task = tasks_[id];
    if (task.finished.load()) continue;
    std::lock_guard still_waiting(task.wait_guard);
    const BlockedMark& mark = task.mark;
    if (mark.on == nullptr || mark.on->lets_go(id, mark)) return false;
    detect::WaitEdge edge;
    edge.waiter = id;
    edge.waiter_name = task.name;
    edge.held = mark.join_target == kNoTask;
    edge.holder = edge.held ? mark.on->holder() : mark.join_target;
    // A join is described here, not by its handle: the handle's describe()
    // looks the name up under tasks_mutex_, which this function holds.
    edge.resource = edge.held ? mark.on->describe() : tasks_[mark.join_target].name + " to finish";
    edge.where = fmt::format("{}:{}", std::filesystem::path(mark.at.file_name()).filename().string(), mark.at.line());
    if (edge.holder != kNoTask) edge.holder_name = tasks_[edge.holder].name;
    edges.push_back(std::move(edge));
  }
  if (edges.empty()) return false;
  auto report = detect::describe_deadlock(edges);
  summary = std::move(report.summary);
  lines = std::move(report.lines);
  return true;
}

void ThreadsEngine::record(Verdict verdict, std::string message, std::vector<std::string> details) {
  keep_if_first(verdict, std::move(message), std::move(details));
  abandoning_ = true;
  wake_sleepers();
}

void ThreadsEngine::wake_sleepers() {
  tsan::IgnoreScope invisible_to_tsan;  // the harness waking tasks must not order them
  std::lock_guard guard(tasks_mutex_);
  for (ThreadTask& task : tasks_)
    if (FutexWord* word = task.asleep_on.load()) futex_wake(*word, std::numeric_limits<int>::max());
}

void ThreadsEngine::sleep_on(FutexWord& word, std::uint32_t expected) {
  ThreadTask* const me = this_thread_context.self;
  // Published before the abandon flag is read, and the flag is set before
  // wake_sleepers reads this: either this task sees the run abandoned, or
  // wake_sleepers sees its word (and if that wake comes before the sleep,
  // the watchdog's next look wakes it again).
  me->asleep_on.store(&word);
  if (abandoning_.load())
    futex_wait_for(word, expected, kPoll);  // a relock waits for a holder that is unwinding
  else
    futex_wait(word, expected);
  me->asleep_on.store(nullptr, std::memory_order_relaxed);
}

void ThreadsEngine::keep_if_first(Verdict verdict, std::string message, std::vector<std::string> details) {
  std::lock_guard guard(outcome_mutex_);
  if (outcome_.verdict != Verdict::clean) return;
  outcome_.verdict = verdict;
  outcome_.message = std::move(message);
  outcome_.details = std::move(details);
}

void ThreadsEngine::start_batch(bool may_throw) {
  publish_steps();
  if (noise_ > 0) add_noise();
  const bool abandoned = abandoning_.load(std::memory_order_relaxed);
  ThreadContext& context = this_thread_context;
  context.batch = context.steps_left = noise_ > 0 || abandoned ? 1 : kStepsPerBatch;
  if (abandoned && may_throw) abandoned_here();
}

void ThreadsEngine::publish_steps(std::uint32_t extra) {
  ThreadContext& context = this_thread_context;
  if (ThreadTask* me = context.self)
    me->steps.store(me->steps.load(std::memory_order_relaxed) + (context.batch - context.steps_left) + extra,
                    std::memory_order_relaxed);
  context.batch = context.steps_left;
}

void ThreadsEngine::add_noise() {
  auto& random = this_thread_context.noise;
  if (!random.chance(noise_)) return;
  if (random.below(4) == 0)
    std::this_thread::sleep_for(std::chrono::microseconds(1 + random.below(50)));
  else
    std::this_thread::yield();
}

bool ThreadsEngine::abandoned_here() const {
  if (std::uncaught_exceptions() == 0) throw detail::AbortSchedule{};
  return false;
}

void ThreadsEngine::mark_blocked(const BlockedMark& mark) {
  publish_steps();
  ThreadTask& me = *this_thread_context.self;
  std::lock_guard guard(me.wait_guard);
  const std::uint64_t episode = me.mark.episode + 1;
  me.mark = mark;
  me.mark.episode = episode;
}

void ThreadsEngine::mark_unblocked() {
  {
    ThreadTask& me = *this_thread_context.self;
    std::lock_guard guard(me.wait_guard);
    me.mark.on = nullptr;
    me.mark.woken = nullptr;
  }
  publish_steps(1);
}

std::unique_ptr<detail::TaskImpl> ThreadsEngine::spawn(std::function<void()> body, std::string name) {
  return std::make_unique<ThreadTaskHandle>(*this, start_task(std::move(body), std::move(name)));
}

std::unique_ptr<detail::MutexImpl> ThreadsEngine::make_mutex(const detail::ObjectName& name) {
  return std::make_unique<ThreadMutex>(*this, name);
}

std::unique_ptr<detail::CondVarImpl> ThreadsEngine::make_condvar(const detail::ObjectName& name) {
  return std::make_unique<ThreadCondVar>(*this, name);
}

std::unique_ptr<detail::SemaphoreImpl> ThreadsEngine::make_semaphore(const detail::ObjectName& name, int initial) {
  return std::make_unique<ThreadSemaphore>(*this, name, initial);
}

void ThreadsEngine::access(detail::VariableSlot&, detail::AccessKind, const std::source_location&, detail::ValueView) {
  enter();
}

void ThreadsEngine::sleep_for(Duration duration, const std::source_location&) {
  enter();
  auto deadline = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!still_running()) return;
    std::this_thread::sleep_for(std::min<Duration>(kPoll, deadline - std::chrono::steady_clock::now()));
  }
}

Duration ThreadsEngine::now() { return std::chrono::steady_clock::now() - started_; }

void ThreadsEngine::yield_point(const std::source_location&) { enter(); }

// A failed check ends the run here, as under the fiber engine: the code
// after a broken invariant may be undefined (a pop from an empty queue).
void ThreadsEngine::fail(Verdict verdict, std::string message, const std::source_location& where) {
  std::string location =
      fmt::format("{}:{}", std::filesystem::path(where.file_name()).filename().string(), where.line());
  std::string text = fmt::format("{}: {} in {} at {}", to_string(verdict), message, task_label(current()), location);
  if (verdict == Verdict::invariant && finish_after_failed_check_) {
    // Only the failing task stops (what it would do next may be undefined);
    // the others run to their end, or to a deadlock the watchdog ends.
    keep_if_first(verdict, std::move(text));
    if (std::uncaught_exceptions() == 0) throw detail::AbortSchedule{};
    return;
  }
  record(verdict, std::move(text));
  still_running();
}

void ThreadsEngine::fail_without_leaving(Verdict verdict, std::string message, std::string location) {
  record(verdict, fmt::format("{}: {} in {} at {}", to_string(verdict), message, task_label(current()), location));
}

}  // namespace interleave::engines::threads
