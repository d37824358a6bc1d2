#pragma once

#include <atomic>
#include <memory>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

#include "detect/lock_order_graph.hpp"
#include "detect/race_detector.hpp"
#include "engines/engine.hpp"
#include "engines/fiber/blocked_time_clock.hpp"
#include "engines/fiber/directed_algorithm.hpp"
#include "engines/fiber/fiber_stacks.hpp"
#include "engines/fiber/strategy.hpp"
#include "engines/waitable.hpp"
#include "interleave/backend.hpp"

namespace interleave::engines::fiber {

using detail::TaskId;
using engines::kNoTask;
using engines::Waitable;

enum class TaskState { runnable, blocked, finished };

// How an acquisition reaches the lock-order graph: as a request that may
// have waited (lock(), a condition variable's wait taking its mutex back),
// or one that never waits (try_lock), and so is no step of a deadlock.
enum class LockRequest { may_wait, never_waits };

// What the scheduler reads for every task at every decision, kept apart
// from FiberTask so that scanning all tasks touches little memory.
struct SchedulingState {
  TaskState state = TaskState::runnable;
  // Set while the task is paused right before locking a mutex: the task is
  // not enabled while another task owns that mutex (choosing it would only
  // block it again), which removes no-op steps from every strategy.
  const TaskId* pending_lock_owner = nullptr;
};

struct FiberTask {
  std::string name;
  std::function<void()> body;  // moved out by the fiber that runs it
  boost::fibers::context* context = nullptr;
  const Waitable* pending_lock = nullptr;        // the mutex of SchedulingState::pending_lock_owner
  std::uint64_t* pending_lock_paused = nullptr;  // that mutex's set of paused tasks
  const Waitable* waiting_on = nullptr;          // null while sleeping
  TaskId join_target = kNoTask;
  Duration wake_at = Duration::max();  // deadline of a sleep or timed wait
  bool timed_out = false;
  std::source_location last_where;
};

// All tasks are Boost.Fiber fibers on the calling OS thread. Every runtime
// operation is a scheduling point at which the strategy picks who runs next,
// so the same seed gives the same interleaving. Time is virtual and advances
// only when no task can run.
class FiberEngine final : private detail::Backend, public Engine {
 public:
  FiberEngine(std::unique_ptr<Strategy> strategy, const ExploreOptions& options);
  ~FiberEngine() override;

  const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) override;
  bool deterministic() const override { return true; }
  void use_strategy(const interleave::Strategy& strategy) override;
  void set_recording(bool on) override { recording_ = on; }

  // --- the event trace ---
  bool recording() const { return recording_; }
  // Appends an event by the current task (or `task`); call only while recording().
  void note(std::string text, TaskId task = kNoTask);

  // --- for the fiber primitives ---
  TaskId current() const { return current_; }
  const FiberTask& task(TaskId id) const { return tasks_[id]; }
  TaskState state(TaskId id) const { return scheduling_[id].state; }

  // Marks the current task as about to lock `mutex`, whose owner field is
  // `owner` and whose set of tasks paused before it is `paused` (see
  // SchedulingState::pending_lock_owner).
  void set_pending_lock(const Waitable* mutex, const TaskId* owner, std::uint64_t* paused);
  void clear_pending_lock();
  // A mutex changed hands: the tasks paused before locking it are disabled
  // while someone else owns it, enabled again when it is free.
  void on_mutex_owned(std::uint64_t paused, TaskId owner) {
    lock_disabled_mask_ |= paused & ~(owner < kMaskTasks ? std::uint64_t{1} << owner : 0);
  }
  void on_mutex_free(std::uint64_t paused) { lock_disabled_mask_ &= ~paused; }

  // The scheduling point before an operation. Returns false when the schedule
  // is being abandoned and the operation must do nothing; throws AbortSchedule
  // instead when `may_throw` and the task is not already unwinding.
  // `event` is what the operation touches, for strategies that read it (POS).
  bool enter(bool may_throw, const std::source_location& where, PendingEvent event = {});
  // enter() before an access of `variable`: the event is made only for a
  // strategy that reads it.
  bool enter_access(const std::source_location& where, const detail::VariableSlot& variable, detail::AccessKind kind);
  // The bookkeeping of a scheduling point (steps, location, blocked loop)
  // without a scheduling decision.
  bool observe(bool may_throw, const std::source_location& where);

  // Blocks the current task on `on` (and/or until `deadline`, absolute
  // virtual time) and runs another. Returns false when the schedule was
  // abandoned meanwhile and the caller must give up.
  // `spurious`: the wait may end in a spurious wakeup (a condition variable's).
  bool block(const Waitable* on, Duration deadline = Duration::max(), TaskId join_target = kNoTask,
             bool spurious = false);

  // Makes a task blocked on `on` runnable again.
  void wake(TaskId id, const Waitable* on);

  // A scheduling decision other than "who runs": which waiter a notify_one wakes.
  std::size_t choose(std::span<const int> options);

  bool timed_out(TaskId id) const { return tasks_[id].timed_out; }

  // Happens-before and lock-order bookkeeping, called by the primitives once
  // an operation has taken effect. An acquisition that closes a cycle in the
  // lock-order graph is noted (see note_inversion), and the schedule goes
  // on: it may deadlock or fail a check. (A request never granted, in a
  // deadlock, joins the graph when the deadlock is found.)
  void on_lock_acquired(const void* mutex, detect::VectorClock& clock, const detail::ObjectName& name,
                        const std::source_location& where, LockRequest request);
  void on_lock_released(const void* mutex, detect::VectorClock& clock);
  void on_acquired(detect::VectorClock& clock) { races_.acquire(current_, clock); }
  void on_released(detect::VectorClock& clock) { races_.release(current_, clock); }
  void on_joined(TaskId finished) { races_.on_join(current_, finished); }
  Duration virtual_now() const { return now_; }

  // Records a verdict (the first one wins) and abandons the schedule; the
  // quiet form does not throw, for operations called from destructors.
  void fail_quietly(Verdict verdict, std::string_view message, const std::source_location& where);
  void fail_quietly(Verdict verdict, std::string_view message, std::string_view location);
  [[noreturn]] void fail_and_abort(Verdict verdict, std::string message, const std::source_location& where);
  // Records a finding whose message is already complete, and abandons the schedule.
  // `event` is the short text of the finding's row in the timeline.
  [[noreturn]] void abandon_with(Verdict verdict, std::string event, std::string message,
                                 std::vector<std::string> details);
  std::string task_label(TaskId id) const;

 private:
  // detail::Backend
  std::unique_ptr<detail::TaskImpl> spawn(std::function<void()> body, std::string name) override;
  std::unique_ptr<detail::MutexImpl> make_mutex(const detail::ObjectName& name) override;
  std::unique_ptr<detail::CondVarImpl> make_condvar(const detail::ObjectName& name) override;
  std::unique_ptr<detail::SemaphoreImpl> make_semaphore(const detail::ObjectName& name, int initial) override;
  void access(detail::VariableSlot& variable, detail::AccessKind kind, const std::source_location& where,
              detail::ValueView value) override;
  void sleep_for(Duration duration, const std::source_location& where) override;
  Duration now() override { return now_; }
  TaskId current_task() override { return current_; }
  void yield_point(const std::source_location& where) override;
  void fail(Verdict verdict, std::string message, const std::source_location& where) override;
  void fail_without_leaving(Verdict verdict, std::string message, std::string location) override;
  bool fails_spuriously(const std::source_location& where) override;

  void note_access(const detail::VariableSlot& variable, detail::AccessKind kind, detail::ValueView value);
  TaskId create_task(std::function<void()> body, std::string name);
  boost::fibers::context* new_worker_fiber();
  void worker_loop();
  void run_task(TaskId id, const std::function<void()>& body);
  void shut_down_workers();
  void finish_current();
  // Picks who runs next; a switch away from a task that yielded is no preemption.
  TaskId choose_next(bool current_yielded = false);
  void collect_enabled();
  std::uint64_t enabled_mask() const;
  bool enabled(TaskId id) const;
  void set_state(TaskId id, TaskState state);
  bool advance_virtual_time();
  void switch_to(TaskId next);
  bool hand_over(TaskId next, bool may_throw);
  // False once the schedule is abandoned; throws AbortSchedule instead when
  // `may_throw` and the task is not already unwinding.
  bool still_live(bool may_throw);
  void record(Verdict verdict, std::string message, std::string event = {});
  void abandon_for_deadlock();
  void abandon_for_hang();
  // For a supervisor whose child is stuck in a task (engines/stuck_task.hpp).
  static void describe_stuck_task(const void* engine, char* out, std::size_t size) noexcept;
  // The first lock-order cycle of a schedule: kept, not a reason to stop.
  // At the schedule's end it joins the verdict's details, or is the verdict
  // when nothing else went wrong.
  void note_inversion(TaskId task);
  // The deadlocked tasks' requests for mutexes that were never granted.
  void add_waiting_requests();
  void conclude_inversion();
  TaskId newest_unfinished() const;
  void let_newer_tasks_unwind();

  void mark_slice_start() {
    if (blocked_loop_ns_ > 0) {
      slice_started_ns_ = published_blocked_ns_.load(std::memory_order_relaxed);
      slice_started_switches_ = published_switches_.load(std::memory_order_relaxed);
      watched_slice_ns_.store(others_ready_ ? slice_started_ns_ : kNobodyWaits, std::memory_order_relaxed);
    }
  }
  // The ticker's check: the engine's thread has slept in the kernel for
  // longer than any blocking call could be excused, in one step, while
  // other tasks were ready. The call waits for something the harness does
  // not control (a std::mutex that a suspended fiber holds): nothing will
  // ever wake it, so the process is ended with a message, not left hanging.
  void watch_for_stuck_thread(const BlockedTimeClock::Reading& reading) noexcept;
  // The published blocked time says the current task may have held the loop
  // too long: reads the exact figure, and reports a blocked_loop when it
  // did and others were waiting. False when the operation must do nothing.
  bool check_blocked_loop(bool may_throw, const std::source_location& where);

  std::unique_ptr<Strategy> strategy_;
  Strategy* deciding_ = nullptr;  // strategy_'s deciding() for this schedule
  std::uint64_t max_steps_;
  int spurious_wakeups_;
  bool detect_races_;
  bool detect_lock_order_;
  std::int64_t blocked_loop_ns_;
  DirectedAlgorithm* algorithm_ = nullptr;
  FiberStacks stacks_;

  // Fibers are reused across schedules: a finished task's fiber parks here
  // and runs the next task spawned. All of them end in the destructor.
  std::vector<boost::fibers::context*> idle_fibers_;
  int worker_fibers_ = 0;
  bool shutting_down_ = false;

  std::vector<FiberTask> tasks_;
  std::vector<SchedulingState> scheduling_;  // indexed like tasks_
  std::vector<int> enabled_;                 // scratch for choose_next, reused across steps
  std::vector<PendingEvent> pending_;        // indexed like tasks_: what each task does next
  bool strategy_wants_events_ = false;
  // Whether a task other than the one chosen could have run at the last
  // decision: what the watch for a stuck thread needs at each slice's start.
  bool others_ready_ = false;
  // With at most 64 tasks, the runnable tasks and those paused before a lock
  // are also kept as bit sets, so that a decision costs a few bit operations.
  static constexpr TaskId kMaskTasks = 64;
  std::uint64_t runnable_mask_ = 0;
  // Tasks paused before locking a mutex that another task owns; kept
  // current as mutexes change hands, so the enabled set is branch-free.
  std::uint64_t lock_disabled_mask_ = 0;
  std::uint64_t spurious_mask_ = 0;  // blocked in a wait that may end spuriously
  int spurious_left_ = 0;
  // The blocked_loop check: how long the loop's thread has been asleep in
  // the kernel by its own call, published every few milliseconds by the
  // ticker (a clock read at every step would cost more than the step).
  std::unique_ptr<BlockedTimeClock> blocked_clock_;
  std::int64_t slice_started_ns_ = 0;  // on published_blocked_ns_
  std::int64_t slice_started_switches_ = 0;
  std::atomic<std::int64_t> published_blocked_ns_{0};
  std::atomic<std::int64_t> published_switches_{0};  // voluntary context switches
  // What the ticker watches (watch_for_stuck_thread): the blocked time at
  // which this step began, published at each step, or kNobodyWaits; and,
  // the ticker's own, the voluntary switches when it first saw that step.
  static constexpr std::int64_t kNobodyWaits = INT64_MIN;
  std::int64_t stuck_after_ns_;
  std::atomic<std::int64_t> watched_slice_ns_{kNobodyWaits};
  std::int64_t ticker_slice_ns_ = kNobodyWaits;
  std::int64_t ticker_slice_switches_ = 0;
  std::int64_t ticker_last_switches_ = 0;
  std::jthread ticker_;
  TaskId current_ = kNoTask;
  int live_ = 0;
  Duration now_{0};
  std::uint64_t steps_ = 0;
  bool abandoning_ = false;
  bool recording_ = false;
  bool yielding_ = false;  // set by yield_point() for the decision its enter() makes
  RunOutcome outcome_;
  detect::RaceDetector races_;
  detect::LockOrderGraph lock_order_;
  std::string inversion_message_;             // empty: no cycle in this schedule
  std::vector<std::string> inversion_lines_;  // one per edge of the cycle
};

std::string format_location(const std::source_location& where);

}  // namespace interleave::engines::fiber
