#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <source_location>
#include <string>
#include <thread>

#include "engines/engine.hpp"
#include "engines/seeded_random.hpp"
#include "engines/threads/blocker.hpp"
#include "engines/threads/futex.hpp"
#include "engines/threads/stall_clock.hpp"
#include "engines/threads/task_thread.hpp"
#include "engines/threads/watchdog.hpp"
#include "interleave/backend.hpp"

namespace interleave::engines::threads {

// Aligned so that two tasks' per-step counters never share a cache line.
struct alignas(64) ThreadTask {
  std::string name;
  TaskThread thread;
  std::atomic<bool> finished{false};
  // Set only for waits without a deadline. Held while the mark changes and
  // while the watchdog reads through it, so the object waited on cannot be
  // freed under the watchdog.
  std::mutex wait_guard;
  BlockedMark mark;
  // Written by this task only (no shared counter to contend on), a batch of
  // steps at a time: see ThreadContext::steps_left.
  std::atomic<std::uint64_t> steps{0};
  std::atomic<pid_t> thread_id{0};  // for the watchdog's look at its run-queue wait
  // The futex word this task sleeps on without a timeout, for an abandoned
  // run to wake it (ThreadsEngine::sleep_on).
  std::atomic<FutexWord*> asleep_on{nullptr};
};

// Per-thread state, so that scheduling points never take a shared lock: a
// common mutex there would order every pair of accesses and hide races from
// ThreadSanitizer.
struct ThreadContext {
  TaskId id = kNoTask;
  ThreadTask* self = nullptr;
  SeededRandom noise;
  // A scheduling point only counts down; every `batch` points (every point
  // with noise on, or once the run is abandoned) the task publishes its
  // steps, adds noise and looks for an abandoned run. Blocking and waking
  // publish too, so the watchdog never takes a task that made progress for
  // one that did not.
  std::uint32_t steps_left = 0;
  std::uint32_t batch = 0;
};

inline thread_local ThreadContext this_thread_context;

// Real std::threads and real blocking; the main task runs on the thread that
// calls run(). Scheduling points may add seeded noise (a yield or a short
// sleep) to widen race windows. The watchdog turns "every live task marked
// blocked on something that cannot let it go" into a deadlock and "no
// progress for hang_timeout" (not counting time the machine ran none of the
// tasks) into a hang; blocked operations then unwind.
class ThreadsEngine final : public Engine, private detail::Backend, private Watched {
 public:
  ThreadsEngine(double noise, std::uint64_t max_steps, std::chrono::milliseconds hang_timeout,
                bool finish_after_failed_check = false);
  ~ThreadsEngine() override;

  const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) override;

  // --- for the thread primitives ---
  TaskId current() const { return this_thread_context.id; }
  // The scheduling point before an operation: counts progress and adds noise.
  // Cheap on purpose (a thread-local test and decrement without noise):
  // every lock and wait pays it. Throws AbortSchedule once the run is
  // abandoned (at the latest a batch of steps later), unless `may_throw` is
  // false (operations that run from destructors: notify, release).
  void enter(bool may_throw = true) {
    enter_uncounted(may_throw);
    count_step();
  }
  // enter() in two halves, for the mutex: the step is counted once the lock
  // is taken, so that its store does not stand before the lock's atomic
  // instruction (which would wait for it).
  void enter_uncounted(bool may_throw = true) {
    if (this_thread_context.steps_left == 0) [[unlikely]]
      start_batch(may_throw);
  }
  void count_step() { --this_thread_context.steps_left; }
  // Throws AbortSchedule once the run is abandoned (unless already unwinding);
  // returns false in that case. Blocking loops call it between timed waits.
  bool still_running() const { return !abandoning_.load(std::memory_order_relaxed) || abandoned_here(); }
  void mark_blocked(const BlockedMark& mark);
  void mark_unblocked();
  // futex_wait with no timeout (so no timer to arm), for a task that has
  // been marked blocked. Abandoning the
  // run wakes it, and the watchdog wakes it again at every look until the
  // run ends; once abandoned, it sleeps in kPoll slices.
  void sleep_on(FutexWord& word, std::uint32_t expected);
  ThreadTask& task(TaskId id);
  std::string task_label(TaskId id);
  bool abandoning() const { return abandoning_.load(std::memory_order_relaxed); }
  // Keeps the run's first verdict and abandons the run.
  void record(Verdict verdict, std::string message, std::vector<std::string> details = {});
  // Keeps the run's first verdict; the run goes on.
  void keep_if_first(Verdict verdict, std::string message, std::vector<std::string> details = {});

  // Scheduling points between two looks at the engine, without noise.
  static constexpr std::uint32_t kStepsPerBatch = 64;
  // How long blocked operations wait before looking at the abandon flag.
  static constexpr std::chrono::milliseconds kPoll{5};

 private:
  // detail::Backend
  std::unique_ptr<detail::TaskImpl> spawn(std::function<void()> body, std::string name) override;
  detail::TaskId current_task() override { return current(); }
  std::unique_ptr<detail::MutexImpl> make_mutex(const detail::ObjectName& name) override;
  std::unique_ptr<detail::CondVarImpl> make_condvar(const detail::ObjectName& name) override;
  std::unique_ptr<detail::SemaphoreImpl> make_semaphore(const detail::ObjectName& name, int initial) override;
  void access(detail::VariableSlot& variable, detail::AccessKind kind, const std::source_location& where,
              detail::ValueView value) override;
  void sleep_for(Duration duration, const std::source_location& where) override;
  Duration now() override;
  void yield_point(const std::source_location& where) override;
  void fail(Verdict verdict, std::string message, const std::source_location& where) override;
  void fail_without_leaving(Verdict verdict, std::string message, std::string location) override;

  void start_batch(bool may_throw);
  // Adds the steps taken since the last call, plus `extra` (a wake counts
  // as one), to this task's count.
  static void publish_steps(std::uint32_t extra = 0);
  void add_noise();
  bool abandoned_here() const;
  ThreadTask& add_task(std::string name, TaskId& id);
  TaskId start_task(std::function<void()> body, std::string name);
  void not_started(ThreadTask& task, const std::string& reason);
  void run_task(TaskId id, ThreadTask& me, const std::function<void()>& body);
  // Watched
  bool watchdog_tick() override;
  // Each live task's mark episode, into `episodes`; false if one is not
  // marked (it runs, or waits with a deadline).
  bool read_marks(std::vector<std::uint64_t>& episodes);
  // Whether every live task is marked on something that cannot let it go;
  // if so, the wait-for report.
  bool all_stuck_report(std::vector<std::string>& lines, std::string& summary);
  // Records a deadlock if the previous look found every task stuck and no
  // task has changed its mark since; true while every task is marked.
  bool look_for_deadlock();
  void look_for_hang(std::uint64_t steps);
  // Wakes every task asleep in sleep_on, once the run is abandoned.
  void wake_sleepers();
  void join_all();
  std::uint64_t total_steps();

  double noise_;
  std::uint64_t max_steps_;
  std::chrono::milliseconds hang_timeout_;
  bool finish_after_failed_check_;

  std::uint64_t seed_ = 0;
  std::mutex tasks_mutex_;
  std::deque<ThreadTask> tasks_;
  std::atomic<int> live_{0};
  std::atomic<bool> abandoning_{false};
  std::chrono::steady_clock::time_point started_;
  // The watchdog's view of progress, and what it saw at its last look: the
  // tasks' mark episodes and, read after them, whether all were stuck.
  std::uint64_t last_steps_ = 0;
  StallClock stall_;
  std::vector<std::uint64_t> seen_episodes_;
  bool seen_stuck_ = false;
  std::string seen_summary_;
  std::vector<std::string> seen_lines_;

  std::mutex done_mutex_;
  std::condition_variable done_;

  std::mutex outcome_mutex_;
  RunOutcome outcome_;
};

}  // namespace interleave::engines::threads
