#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "interleave/verdict.hpp"

namespace interleave {

// tsan: the threads engine inside a ThreadSanitizer build, run as a child
// process by the CLI (see engines/tsan); explore() itself runs the others.
enum class EngineKind { fiber, threads, processes, tsan };
inline constexpr EngineKind kAllEngines[] = {EngineKind::fiber, EngineKind::threads, EngineKind::processes,
                                             EngineKind::tsan};

std::string_view to_string(EngineKind engine);
std::optional<EngineKind> parse_engine(std::string_view text);

// How the fiber engine picks the next task at each decision.
struct Strategy {
  // guided: the shrinker's replay of a schedule given by its switches.
  enum class Kind { portfolio, random, pct, pos, dfs, replay, guided };
  Kind kind = Kind::portfolio;
  int parameter = 0;        // pct: depth; dfs: preemption bound (-1: none)
  std::vector<int> script;  // replay: the task chosen at each decision; guided: (task, count, to, free) quadruples
};

Strategy portfolio();                      // of 4 schedules: 1 pos, 1 random walk, 2 pct(3); the default
Strategy random_walk();                    // uniform among the runnable tasks at every decision
Strategy pct(int depth);                   // PCT with depth-1 priority change points
Strategy pos();                            // Partial Order Sampling: random priorities per event
Strategy dfs(int max_preemptions = -1);    // every interleaving, up to a preemption bound
Strategy replay(std::vector<int> script);  // exactly one recorded schedule

std::string to_string(const Strategy& strategy);
// Parses `portfolio`, `random`, `pct:D`, `pos`, `dfs` or `dfs:P`; nullopt when malformed.
std::optional<Strategy> parse_strategy(std::string_view text);

struct ExploreOptions {
  EngineKind engine = EngineKind::fiber;
  Strategy strategy = portfolio();
  // How many schedules to try; exploration stops at the first bug (a
  // lock-order inversion, not a failure itself, does not stop it).
  std::uint64_t schedules = 10'000;
  // Schedule i runs with seed `seed + i`, so a bug's seed alone replays it.
  std::uint64_t seed = 1;
  // Scheduling points one schedule may take before it is called a hang.
  std::uint64_t max_steps = 100'000;
  // Fiber engine: report unordered accesses to Shared<T> as `race`. Off, a
  // racy program is judged by its checks alone (the lost update itself).
  // On, plain accesses are checked but not scheduling points; off, they are.
  bool detect_races = true;
  // Fiber engine: keep a lock-order graph and report locks taken in orders
  // that form a cycle. An inversion does not stop exploration: the search
  // goes on for a schedule that deadlocks or fails a check, and the result
  // is `lock_order_inversion` only when none does.
  bool detect_lock_order = true;
  // Fiber engine: spurious condition-variable wakeups one schedule may
  // inject (a waiter chosen as if notified), so that `if` instead of `while`
  // around a wait is found even with a single waiter.
  int spurious_wakeups = 1;
  // Fiber engine: real time one task may run between two scheduling points
  // while others are ready before it is a blocked_loop (0: never).
  std::chrono::milliseconds blocked_loop_threshold{100};
  // Threads engine: real time without progress before a run is a hang.
  std::chrono::milliseconds hang_timeout{2'000};
  // Threads engine: chance, at each scheduling point, of a yield or a short sleep.
  double noise = 0.25;
  // Fiber engine: shrink a failing schedule (fewest preemptions, then fewest
  // steps) and record its events before returning it.
  bool shrink = true;
  // Threads engine: a failed check stops only the task that failed it; the
  // other tasks run on to their end (or to a deadlock the watchdog ends), and
  // exploration stops after that schedule. For the tsan engine's child: what the other tasks still do (a write
  // racing with the check's read, say) is what ThreadSanitizer must see.
  bool finish_schedule_after_failed_check = false;
  // Schedules to go on exploring after one fails a check; the first failure
  // stays the result. The tsan engine's child: TSan sees a race only in a
  // schedule where the racing accesses are unordered.
  std::uint64_t schedules_after_failed_check = 0;
  // Stop exploring when this moment passes: the schedules run so far are the
  // result, marked budget_reached (no deadline: run every schedule).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // Once it reads true (an interrupt), exploration ends at the next schedule
  // boundary and the result is marked interrupted.
  const std::atomic<bool>* interrupt = nullptr;
  // Called as each schedule starts, with its seed (a supervised child tells
  // its supervisor, so that a crash can name the schedule).
  std::function<void(std::uint64_t)> on_schedule;
  // Called now and then on long explorations with the schedules run so far.
  std::function<void(std::uint64_t)> progress;
  // Called at the end of every schedule (shrinking's and replay's too) with
  // its verdict, message and details, which it may change: a
  // linearizability check judges the history the schedule left
  // (interleave/lincheck.hpp). Not on the tsan engine, whose schedules run
  // in a child process.
  // Fiber engine: when the race detector reports a race, explore again with
  // the detector off (plain accesses become scheduling points), for at most
  // race_consequence_schedules schedules and a second, to show the failure
  // the race leads to (ExploreResult::race_consequence).
  bool show_race_consequence = true;
  std::uint64_t race_consequence_schedules = 10'000;
  using Judge = std::function<void(Verdict& verdict, std::string& message, std::vector<std::string>& details)>;
  Judge judge;
  // Let INTERLEAVE_SEED, INTERLEAVE_SCHEDULES, INTERLEAVE_STRATEGY and
  // INTERLEAVE_REPLAY (a replay token) override these options, so that a
  // token from a CI log replays in a local run of the same test binary. The
  // CLI turns this off: its flags say what to run.
  bool environment_overrides = true;
};

// One step of a recorded schedule: which task did what, and where.
struct TraceEvent {
  int task = -1;
  std::string task_name;
  std::string text;   // "lock account[0]", "read balance = 100", "check failed: ..."
  std::string where;  // file:line
};

// What a race leads to, found with the race detector off: a failed check
// (the lost update itself), a deadlock, a crash.
struct RaceConsequence {
  Verdict verdict = Verdict::clean;
  std::string message;
  std::uint64_t seed = 0;
  std::uint64_t schedules = 0;  // explored with the detector off to find it
  std::vector<int> schedule;    // the failing schedule, shrunk
  int preemptions = 0;
};

struct ExploreResult {
  Verdict verdict = Verdict::clean;
  std::string message;               // one line: what went wrong
  std::vector<std::string> details;  // e.g. who waits for whom in a deadlock
  std::uint64_t schedules = 0;       // schedules run, including the failing one
  double seconds = 0;                // exploring, up to and including the failing schedule
  double shrink_seconds = 0;         // shrinking and replaying the failing schedule
  std::optional<std::uint64_t> failing_seed;
  std::vector<int> failing_schedule;                // the task chosen at each decision of the failing schedule
  int preemptions = 0;                              // in the failing schedule (after shrinking)
  int preemptions_found = 0;                        // in the schedule as first found
  bool preemptions_proven = false;                  // shrinking proved that no schedule with fewer preemptions fails so
  std::uint64_t failing_steps = 0;                  // scheduling points of the failing schedule
  std::vector<TraceEvent> events;                   // the failing schedule, replayed with recording on
  bool exhausted = false;                           // a search strategy tried every schedule it allows
  bool diverged = false;                            // a replay did not follow its recorded schedule
  bool budget_reached = false;                      // the deadline ended the exploration before its schedules did
  bool interrupted = false;                         // an interrupt ended the exploration before its schedules did
  int max_tasks = 0;                                // largest number of tasks in one schedule
  std::uint64_t max_steps = 0;                      // largest number of scheduling points in one schedule
  std::optional<RaceConsequence> race_consequence;  // for a race: the failure it leads to, if one was found
  std::string strategy;                             // how the schedules were chosen ("portfolio", "replay")
  // Fiber engine: a clean result that may not mean much, e.g. tasks that
  // never reached a runtime operation (std::mutex in place of interleave's).
  std::string warning;
  // Fiber engine, a failure: its schedule as a token for replay_token() or
  // INTERLEAVE_REPLAY.
  std::string replay_token;

  bool clean() const { return verdict == Verdict::clean; }
  double schedules_per_second() const { return seconds > 0 ? schedules / seconds : 0; }
};

// What the CLI prints for a failure: verdict, message, details, the
// interleaving as a timeline, the strategy and the replay token; for a
// clean result, one line. So that `EXPECT_TRUE(result.clean()) << result`
// says everything a developer needs.
std::ostream& operator<<(std::ostream& out, const ExploreResult& result);

// Runs `body` under many schedules of the chosen engine until one of them
// reaches a verdict other than clean, or the schedules run out.
ExploreResult explore(const ExploreOptions& options, const std::function<void()>& body);

// Runs again the one schedule a replay token recorded (a failure's
// ExploreResult::replay_token, or a token the CLI printed), with the
// schedule options it recorded; `options` gives the rest. Throws
// std::invalid_argument for a malformed token. The result's `diverged` says
// whether the body no longer follows the recorded schedule.
ExploreResult replay_token(const std::string& token, const std::function<void()>& body, ExploreOptions options = {});

}  // namespace interleave
