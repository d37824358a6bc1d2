#include "engines/fiber/fiber_engine.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <boost/fiber/algo/round_robin.hpp>
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/operations.hpp>
#include <boost/fiber/scheduler.hpp>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "engines/fiber/fiber_primitives.hpp"
#include "engines/fiber/strategy_factory.hpp"
#include "engines/stuck_task.hpp"

namespace interleave::engines::fiber {
namespace {

constexpr std::size_t kStackBytes = 128 * 1024;

// How often the ticker publishes the blocked time; a step suspects a
// blocked loop this much early, since what it reads may be that old.
constexpr std::chrono::milliseconds kTickerPeriod{5};
constexpr std::int64_t kTickerSlackNs = 2 * std::chrono::nanoseconds(kTickerPeriod).count();

// A thread's Boost.Fiber scheduler has one algorithm, so one engine at a time
// may own it; explore() gives every exploration a thread of its own.
thread_local bool engine_on_this_thread = false;

}  // namespace

std::string format_location(const std::source_location& where) {
  if (where.line() == 0) return {};
  return fmt::format("{}:{}", std::filesystem::path(where.file_name()).filename().string(), where.line());
}

FiberEngine::FiberEngine(std::unique_ptr<Strategy> strategy, const ExploreOptions& options)
    : strategy_(std::move(strategy)),
      deciding_(strategy_.get()),
      max_steps_(options.max_steps),
      spurious_wakeups_(options.spurious_wakeups),
      detect_races_(options.detect_races),
      detect_lock_order_(options.detect_lock_order),
      blocked_loop_ns_(std::chrono::nanoseconds(options.blocked_loop_threshold).count()),
      stacks_(kStackBytes),
      stuck_after_ns_(
          std::max<std::int64_t>(std::chrono::nanoseconds(options.hang_timeout).count(), 10 * blocked_loop_ns_)) {
  if (blocked_loop_ns_ > 0) {
    blocked_clock_ = std::make_unique<BlockedTimeClock>();
    auto publish = [this] {
      const BlockedTimeClock::Reading reading = blocked_clock_->read();
      published_blocked_ns_.store(reading.blocked_ns, std::memory_order_relaxed);
      published_switches_.store(reading.voluntary_switches, std::memory_order_relaxed);
      watch_for_stuck_thread(reading);
    };
    publish();
    ticker_ = std::jthread([publish](std::stop_token stop) {
      while (!stop.stop_requested()) {
        publish();
        std::this_thread::sleep_for(kTickerPeriod);
      }
    });
  }
  if (engine_on_this_thread) throw std::logic_error("interleave: a second fiber engine on one thread");
  engine_on_this_thread = true;
  // The scheduler takes shared ownership; the raw pointer stays valid until
  // the destructor replaces the algorithm.
  algorithm_ = new DirectedAlgorithm();
  boost::fibers::context::active()->get_scheduler()->set_algo(algorithm_);
  enabled_.reserve(64);
  stuck_task::set(this, &FiberEngine::describe_stuck_task);
}

FiberEngine::~FiberEngine() {
  stuck_task::clear(this);
  shut_down_workers();
  // Hand the thread back to Boost's default policy so that a later engine,
  // or any other fiber code on this thread, starts from a sane state.
  boost::fibers::use_scheduling_algorithm<boost::fibers::algo::round_robin>();
  engine_on_this_thread = false;
}

std::string FiberEngine::task_label(TaskId id) const { return tasks_[id].name; }

const RunOutcome& FiberEngine::run(const std::function<void()>& body, std::uint64_t seed) {
  tasks_.clear();
  scheduling_.clear();
  pending_.clear();
  runnable_mask_ = 0;
  lock_disabled_mask_ = 0;
  spurious_mask_ = 0;
  spurious_left_ = spurious_wakeups_;
  others_ready_ = false;
  live_ = 0;
  now_ = Duration{0};
  steps_ = 0;
  abandoning_ = false;
  outcome_.verdict = Verdict::clean;
  outcome_.message.clear();
  outcome_.details.clear();
  outcome_.schedule.clear();
  outcome_.deciding.clear();
  outcome_.preempted.clear();
  outcome_.events.clear();
  outcome_.preemptions = 0;
  races_.reset();
  lock_order_.reset();
  inversion_message_.clear();
  inversion_lines_.clear();
  current_ = kNoTask;
  strategy_->begin_schedule(seed);
  deciding_ = &strategy_->deciding();
  strategy_wants_events_ = deciding_->wants_events();

  detail::begin_run(*this);
  detail::set_current_backend(this);
  TaskId root = create_task(body, "main");
  current_ = root;
  algorithm_->select(tasks_[root].context);
  boost::this_fiber::yield();  // back here once every task has finished
  sanitizer::arrived();
  detail::set_current_backend(nullptr);
  watched_slice_ns_.store(kNobodyWaits, std::memory_order_relaxed);  // what the thread does next is not a step

  conclude_inversion();
  outcome_.steps = steps_;
  // Read off the tasks, not counted at every step: observe() is the hot path.
  outcome_.workers_acted = std::any_of(tasks_.begin() + std::min<std::size_t>(1, tasks_.size()), tasks_.end(),
                                       [](const FiberTask& task) { return task.last_where.line() != 0; });
  outcome_.tasks = static_cast<int>(tasks_.size());
  outcome_.exhausted = !strategy_->end_schedule();
  outcome_.diverged = strategy_->diverged();
  return outcome_;
}

TaskId FiberEngine::create_task(std::function<void()> body, std::string name) {
  TaskId id = static_cast<TaskId>(tasks_.size());
  if (name.empty()) name = fmt::format("T{}", id);
  // The fiber first: a task that could not get one (its stack is memory)
  // must leave no trace, and the spawn fails as a crash naming it.
  boost::fibers::context* context = nullptr;
  if (idle_fibers_.empty()) {
    try {
      context = new_worker_fiber();
    } catch (const std::exception& error) {
      throw std::runtime_error(fmt::format("could not create the fiber of task {}: {}", name, error.what()));
    }
  } else {
    context = idle_fibers_.back();
    idle_fibers_.pop_back();
  }
  scheduling_.emplace_back();
  pending_.emplace_back();
  set_state(id, TaskState::runnable);
  FiberTask& task = tasks_.emplace_back();
  task.name = std::move(name);
  task.body = std::move(body);
  task.context = context;
  races_.on_spawn(current_, id);
  if (recording_ && current_ != kNoTask) note("spawn " + task.name);
  ++live_;
  return id;
}

boost::fibers::context* FiberEngine::new_worker_fiber() {
  boost::fibers::fiber fiber(std::allocator_arg, stacks_, [this] { worker_loop(); });
  fiber.detach();
  ++worker_fibers_;
  algorithm_->set_stack(algorithm_->last_new_fiber(), stacks_.last());
  return algorithm_->last_new_fiber();
}

// A worker fiber runs one task after another: whoever selects it sets
// current_ to the task it is to run.
void FiberEngine::worker_loop() {
  sanitizer::arrived();
  boost::fibers::context* self = boost::fibers::context::active();
  while (!shutting_down_) {
    TaskId id = current_;
    std::function<void()> body = std::move(tasks_[id].body);
    run_task(id, body);  // ends by selecting who runs next
    idle_fibers_.push_back(self);
    self->yield();
    sanitizer::arrived();
  }
}

void FiberEngine::shut_down_workers() {
  shutting_down_ = true;
  for (boost::fibers::context* fiber : idle_fibers_) {
    algorithm_->select(fiber);
    boost::this_fiber::yield();  // it sees shutting_down_ and ends; the controller runs next
    sanitizer::arrived();
  }
  idle_fibers_.clear();
  algorithm_->select(nullptr);
  boost::this_fiber::yield();  // Boost's dispatcher frees the ended fibers
  sanitizer::arrived();
}

void FiberEngine::run_task(TaskId id, const std::function<void()>& body) {
  mark_slice_start();
  if (!abandoning_) {
    try {
      body();
    } catch (const detail::AbortSchedule&) {
    } catch (const std::exception& error) {
      record(Verdict::crash, fmt::format("uncaught exception in {}: {}", task_label(id), error.what()));
    } catch (...) {
      record(Verdict::crash, fmt::format("uncaught non-standard exception in {}", task_label(id)));
    }
  }
  finish_current();
}

void FiberEngine::finish_current() {
  set_state(current_, TaskState::finished);
  --live_;
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id)
    if (scheduling_[id].state == TaskState::blocked && tasks_[id].join_target == current_) {
      set_state(id, TaskState::runnable);
      tasks_[id].join_target = kNoTask;
      tasks_[id].waiting_on = nullptr;
    }
  if (live_ == 0) {
    current_ = kNoTask;
    algorithm_->select(nullptr);  // the controlling context resumes
    return;
  }
  TaskId next = abandoning_ ? newest_unfinished() : choose_next();
  if (next == kNoTask) {
    abandon_for_deadlock();
    next = newest_unfinished();
  }
  current_ = next;
  algorithm_->select(tasks_[next].context);
}

// Unwinding goes newest task first: a task's data usually lives in the
// frame of the task that spawned it, so children must unwind before parents.
TaskId FiberEngine::newest_unfinished() const {
  for (TaskId id = static_cast<TaskId>(tasks_.size()) - 1; id >= 0; --id)
    if (scheduling_[id].state != TaskState::finished) return id;
  return kNoTask;
}

bool FiberEngine::enabled(TaskId id) const {
  const SchedulingState& task = scheduling_[id];
  if (task.state != TaskState::runnable) return false;
  const TaskId* owner = task.pending_lock_owner;
  return owner == nullptr || *owner == kNoTask || *owner == id;
}

void FiberEngine::set_state(TaskId id, TaskState state) {
  scheduling_[id].state = state;
  if (id >= kMaskTasks) return;
  const std::uint64_t bit = std::uint64_t{1} << id;
  runnable_mask_ = state == TaskState::runnable ? runnable_mask_ | bit : runnable_mask_ & ~bit;
  spurious_mask_ &= ~bit;  // any change of state ends a wait
}

std::uint64_t FiberEngine::enabled_mask() const { return runnable_mask_ & ~lock_disabled_mask_; }

void FiberEngine::collect_enabled() {
  enabled_.clear();
  for (TaskId id = 0; id < static_cast<TaskId>(scheduling_.size()); ++id)
    if (enabled(id)) enabled_.push_back(id);
}

TaskId FiberEngine::choose_next(bool current_yielded) {
  bool current_enabled = false;
  std::uint64_t ready = ~std::uint64_t{0};  // the tasks that can run, beyond 64 tasks as if all
  if (scheduling_.size() <= static_cast<std::size_t>(kMaskTasks)) {
    std::uint64_t mask = enabled_mask();
    if (mask == 0 && advance_virtual_time()) mask = enabled_mask();
    others_ready_ = false;
    if (mask == 0) return kNoTask;
    ready = mask;
    // A waiter may wake spuriously, but only while someone else can run: a
    // spurious wakeup never rescues a schedule from a real deadlock.
    const std::uint64_t spurious = spurious_left_ > 0 ? spurious_mask_ & ~mask : 0;
    mask |= spurious;
    if ((mask & (mask - 1)) == 0) return std::countr_zero(mask);  // one task can run: no decision
    current_enabled = current_ != kNoTask && ((mask >> current_) & 1) != 0;
    enabled_.clear();
    for (; mask != 0; mask &= mask - 1) enabled_.push_back(std::countr_zero(mask));
  } else {
    collect_enabled();
    if (enabled_.empty() && advance_virtual_time()) collect_enabled();
    if (enabled_.empty()) return kNoTask;
    others_ready_ = false;
    if (enabled_.size() == 1) return enabled_.front();
    current_enabled = current_ != kNoTask && enabled(current_);
  }
  if (strategy_wants_events_) deciding_->see_events(pending_);
  const TaskId next = enabled_[deciding_->pick(enabled_, current_)];
  others_ready_ = (ready & ~(std::uint64_t{1} << (next % kMaskTasks))) != 0;
  if (next < kMaskTasks && (spurious_mask_ >> next & 1) != 0 && scheduling_[next].state == TaskState::blocked) {
    --spurious_left_;
    FiberTask& waiter = tasks_[next];
    if (recording_) note("wakes spuriously (no notify)", next);
    waiter.waiting_on = nullptr;
    waiter.wake_at = Duration::max();
    waiter.timed_out = false;
    set_state(next, TaskState::runnable);
  }
  const bool preemption = current_enabled && next != current_ && !current_yielded;
  outcome_.schedule.push_back(next);
  outcome_.deciding.push_back(current_);
  outcome_.preempted.push_back(preemption);
  if (preemption) ++outcome_.preemptions;
  return next;
}

void FiberEngine::set_pending_lock(const Waitable* mutex, const TaskId* owner, std::uint64_t* paused) {
  FiberTask& me = tasks_[current_];
  me.pending_lock = mutex;
  me.pending_lock_paused = paused;
  scheduling_[current_].pending_lock_owner = owner;
  if (current_ >= kMaskTasks) return;
  const std::uint64_t bit = std::uint64_t{1} << current_;
  *paused |= bit;
  if (*owner != kNoTask && *owner != current_) lock_disabled_mask_ |= bit;
}

void FiberEngine::clear_pending_lock() {
  FiberTask& me = tasks_[current_];
  if (current_ < kMaskTasks) {
    const std::uint64_t bit = std::uint64_t{1} << current_;
    *me.pending_lock_paused &= ~bit;
    lock_disabled_mask_ &= ~bit;
  }
  me.pending_lock = nullptr;
  me.pending_lock_paused = nullptr;
  scheduling_[current_].pending_lock_owner = nullptr;
}

std::size_t FiberEngine::choose(std::span<const int> options) {
  if (options.size() < 2) return 0;
  auto index = deciding_->pick(options, kNoTask);
  outcome_.schedule.push_back(options[index]);
  outcome_.deciding.push_back(kNoTask);
  outcome_.preempted.push_back(false);
  return index;
}

bool FiberEngine::advance_virtual_time() {
  Duration earliest = Duration::max();
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id)
    if (scheduling_[id].state == TaskState::blocked && tasks_[id].wake_at < earliest) earliest = tasks_[id].wake_at;
  if (earliest == Duration::max()) return false;
  now_ = earliest;
  for (TaskId id = 0; id < static_cast<TaskId>(tasks_.size()); ++id) {
    FiberTask& task = tasks_[id];
    if (scheduling_[id].state == TaskState::blocked && task.wake_at <= now_) {
      set_state(id, TaskState::runnable);
      task.timed_out = true;
      task.wake_at = Duration::max();
      task.waiting_on = nullptr;
    }
  }
  return true;
}

void FiberEngine::switch_to(TaskId next) {
  boost::fibers::context* self = tasks_[current_].context;
  current_ = next;
  algorithm_->select(tasks_[next].context);
  self->yield();
  sanitizer::arrived();
}

bool FiberEngine::enter(bool may_throw, const std::source_location& where, PendingEvent event) {
  if (!observe(may_throw, where)) return false;
  if (strategy_wants_events_) pending_[current_] = event;
  const bool yielded = std::exchange(yielding_, false);
  return hand_over(choose_next(yielded), may_throw);
}

bool FiberEngine::enter_access(const std::source_location& where, const detail::VariableSlot& variable,
                               detail::AccessKind kind) {
  if (!strategy_wants_events_) return enter(true, where);
  return enter(true, where, {&variable, kind == detail::AccessKind::read || kind == detail::AccessKind::atomic_load});
}

bool FiberEngine::observe(bool may_throw, const std::source_location& where) {
  if (abandoning_) return still_live(may_throw);
  if (blocked_loop_ns_ > 0) {
    const std::int64_t held = published_blocked_ns_.load(std::memory_order_relaxed) - slice_started_ns_;
    if (held > blocked_loop_ns_ - kTickerSlackNs) [[unlikely]]
      if (!check_blocked_loop(may_throw, where)) return false;
  }
  tasks_[current_].last_where = where;
  if (++steps_ > max_steps_) [[unlikely]] {
    abandon_for_hang();
    let_newer_tasks_unwind();
    return still_live(may_throw);
  }
  return true;
}

bool FiberEngine::block(const Waitable* on, Duration deadline, TaskId join_target, bool spurious) {
  FiberTask& me = tasks_[current_];
  set_state(current_, TaskState::blocked);
  if (spurious && spurious_wakeups_ > 0 && current_ < kMaskTasks) spurious_mask_ |= std::uint64_t{1} << current_;
  me.waiting_on = on;
  me.wake_at = deadline;
  me.join_target = join_target;
  me.timed_out = false;
  return hand_over(choose_next(), true);
}

// Runs `next` (kNoTask: nobody can run, a deadlock) until this task is
// chosen again, then says whether it goes on.
bool FiberEngine::hand_over(TaskId next, bool may_throw) {
  if (next == kNoTask) {
    abandon_for_deadlock();
    let_newer_tasks_unwind();
  } else if (next != current_) {
    switch_to(next);
  }
  mark_slice_start();
  return still_live(may_throw);
}

bool FiberEngine::still_live(bool may_throw) {
  if (!abandoning_) return true;
  if (!may_throw || std::uncaught_exceptions() != 0) return false;
  let_newer_tasks_unwind();  // a verdict kept quietly (see fail_quietly) has not yet unwound them
  throw detail::AbortSchedule{};
}

void FiberEngine::wake(TaskId id, const Waitable* on) {
  FiberTask& task = tasks_[id];
  if (scheduling_[id].state != TaskState::blocked || task.waiting_on != on) return;
  set_state(id, TaskState::runnable);
  task.waiting_on = nullptr;
  task.wake_at = Duration::max();
  task.timed_out = false;
}

void FiberEngine::note(std::string text, TaskId id) {
  if (id == kNoTask) id = current_;
  const FiberTask& task = tasks_[id];
  outcome_.events.push_back(TraceEvent{id, task.name, std::move(text), format_location(task.last_where)});
}

void FiberEngine::use_strategy(const interleave::Strategy& strategy) {
  strategy_ = make_strategy(strategy);
  deciding_ = strategy_.get();
}

// Once a schedule is abandoned, tasks unwind newest first (see
// newest_unfinished); the task that abandoned it waits its turn.
void FiberEngine::let_newer_tasks_unwind() {
  TaskId newest = newest_unfinished();
  if (newest != current_) switch_to(newest);
}

void FiberEngine::fail(Verdict verdict, std::string message, const std::source_location& where) {
  if (abandoning_) {
    if (std::uncaught_exceptions() == 0) throw detail::AbortSchedule{};
    return;
  }
  fail_and_abort(verdict, std::move(message), where);
}

// From the budget of spurious wakeups: a weak CAS loop must end.
bool FiberEngine::fails_spuriously(const std::source_location& /*where*/) {
  if (abandoning_ || current_ == kNoTask || spurious_left_ <= 0) return false;
  static constexpr int kSucceedsOrFails[] = {0, 1};
  if (choose(kSucceedsOrFails) == 0) return false;
  --spurious_left_;
  if (recording_) note("compare_exchange_weak fails spuriously");
  return true;
}

std::unique_ptr<detail::TaskImpl> FiberEngine::spawn(std::function<void()> body, std::string name) {
  TaskId id = create_task(std::move(body), std::move(name));
  return std::make_unique<FiberTaskHandle>(*this, id);
}

std::unique_ptr<detail::MutexImpl> FiberEngine::make_mutex(const detail::ObjectName& name) {
  return std::make_unique<FiberMutex>(*this, name);
}

std::unique_ptr<detail::CondVarImpl> FiberEngine::make_condvar(const detail::ObjectName& name) {
  return std::make_unique<FiberCondVar>(*this, name);
}

std::unique_ptr<detail::SemaphoreImpl> FiberEngine::make_semaphore(const detail::ObjectName& name, int initial) {
  return std::make_unique<FiberSemaphore>(*this, name, initial);
}

void FiberEngine::access(detail::VariableSlot& variable, detail::AccessKind kind, const std::source_location& where,
                         detail::ValueView value) {
  const bool plain = kind == detail::AccessKind::read || kind == detail::AccessKind::write;
  // With the race detector on, a plain access is observed but not a point
  // where another task may be scheduled: between synchronization operations
  // a race-free program's accesses commute with every other task's, and a
  // racy one is reported as a race whatever the order (as in CHESS).
  // Without it, every access is a scheduling point, so the lost update
  // itself can be shown.
  if (!(plain && detect_races_ ? observe(true, where) : enter_access(where, variable, kind))) return;
  variable.run = run_id;
  if (recording_) note_access(variable, kind, value);
  if (!plain) {
    races_.atomic_access(current_, variable, kind);
    return;
  }
  if (!detect_races_) return;
  auto race = races_.access(current_, variable, kind == detail::AccessKind::write, where);
  if (!race) return;
  auto describe = [this, &race](const detect::Access& access) {
    return fmt::format("{} of '{}' by {} at {}", access.write ? "write" : "read", race->variable,
                       tasks_[access.task].name, format_location(access.where));
  };
  abandon_with(Verdict::race, "race on " + race->variable,
               fmt::format("race: on '{}': {} {} at {} and {} {} at {}, not ordered by happens-before", race->variable,
                           tasks_[race->earlier.task].name, race->earlier.write ? "writes" : "reads",
                           format_location(race->earlier.where), tasks_[race->later.task].name,
                           race->later.write ? "writes" : "reads", format_location(race->later.where)),
               {"earlier: " + describe(race->earlier), "later:   " + describe(race->later)});
}

void FiberEngine::note_access(const detail::VariableSlot& variable, detail::AccessKind kind, detail::ValueView value) {
  std::string shown = value.format != nullptr ? value.format(value.value) : "?";
  switch (kind) {
    case detail::AccessKind::read:
      return note(fmt::format("read {} = {}", variable.name.str(), shown));
    case detail::AccessKind::write:
      return note(fmt::format("write {} := {}", variable.name.str(), shown));
    case detail::AccessKind::atomic_load:
      return note(fmt::format("load {} = {}", variable.name.str(), shown));
    case detail::AccessKind::atomic_store:
      return note(fmt::format("store {} := {}", variable.name.str(), shown));
    case detail::AccessKind::atomic_rmw:
      return note(fmt::format("update {} (was {})", variable.name.str(), shown));
  }
}

void FiberEngine::on_lock_acquired(const void* mutex, detect::VectorClock& clock, const detail::ObjectName& name,
                                   const std::source_location& where, LockRequest request) {
  races_.acquire(current_, clock);
  if (!detect_lock_order_) return;
  if (request == LockRequest::never_waits) {
    lock_order_.on_acquired(current_, mutex, name, where);
  } else if (lock_order_.on_acquire(current_, mutex, name, where)) [[unlikely]] {
    note_inversion(current_);
  }
}

void FiberEngine::on_lock_released(const void* mutex, detect::VectorClock& clock) {
  races_.release(current_, clock);
  if (detect_lock_order_) lock_order_.on_release(current_, mutex);
}

void FiberEngine::sleep_for(Duration duration, const std::source_location& where) {
  if (!enter(true, where) || duration <= Duration{0}) return;
  if (recording_) note(fmt::format("sleep {} ms", std::chrono::duration<double, std::milli>(duration).count()));
  block(nullptr, now_ + duration);
}

void FiberEngine::yield_point(const std::source_location& where) {
  if (abandoning_ || current_ == kNoTask) {
    enter(true, where);
    return;
  }
  deciding_->on_yield(current_);
  yielding_ = true;  // consumed by the decision enter() makes
  if (recording_) {
    tasks_[current_].last_where = where;
    note("yield");  // before the switch it invites, so the timeline reads in order
  }
  enter(true, where);
}

}  // namespace interleave::engines::fiber
