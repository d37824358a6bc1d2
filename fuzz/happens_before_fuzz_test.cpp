// The race detector against a brute-force happens-before oracle: for every
// schedule of a generated program (sync_programs.hpp) that random, PCT and
// POS try, the detector reports a race exactly at the first plain access
// that the recorded trace shows conflicting with an earlier one unordered
// by happens-before, and names one of those earlier accesses. Exploration
// stops at the first race, so each trace is compared over what the
// detector saw. Then the mutation check: with the release -> acquire edge
// dropped from the detector, the same property must fail.

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <deque>
#include <iostream>
#include <optional>
#include <string>

#include "detect/race_detector.hpp"
#include "fixed_seed.hpp"
#include "happens_before.hpp"
#include "interleave/interleave.hpp"
#include "recording_backend.hpp"
#include "sync_programs.hpp"
#include "trace_text.hpp"

namespace interleave::fuzz {
namespace {

constexpr std::uint64_t kSchedulesPerStrategy = 20;

struct Tally {
  std::uint64_t programs = 0;
  std::uint64_t schedules = 0;  // explored
  std::uint64_t traces = 0;     // checked: the explored schedules' and the failing one's replay with recording on
  std::uint64_t races = 0;      // race verdicts, each confirmed by its trace
};

// "earlier: write of 's0' by t1 at file:line": whether the access the
// detector names is one of the oracle's.
bool names_one_of(const std::string& line, const Trace& trace, const std::vector<std::size_t>& earlier) {
  for (std::size_t index : earlier) {
    const Event& event = trace.events[index];
    const std::string expected = std::string("earlier: ") + (event.kind == EventKind::write ? "write" : "read") +
                                 " of '" + trace.variable_names[event.object] + "' by " + trace.task_names[event.task] +
                                 " at ";
    if (line.starts_with(expected)) return true;
  }
  return false;
}

// What the detector got wrong on the schedules `strategy` tries, if anything.
std::optional<std::string> check_schedules(const SyncProgram& program, std::uint64_t seed, const Strategy& strategy,
                                           Tally& tally) {
  std::deque<Trace> traces;
  ExploreOptions options;
  options.strategy = strategy;
  options.seed = seed;
  options.schedules = kSchedulesPerStrategy;
  options.shrink = false;
  options.show_race_consequence = false;
  const ExploreResult result = explore(options, [&] {
    RecordingScope scope(traces.emplace_back());
    run_sync_program(program);
  });
  tally.schedules += result.schedules;
  tally.traces += traces.size();
  tally.races += result.verdict == Verdict::race;
  const std::string where = "under " + to_string(strategy) + " seed " + std::to_string(seed);
  bool reported = false;
  for (const Trace& trace : traces) {
    const auto race = first_race(trace);
    const auto stop = std::find_if(trace.events.begin(), trace.events.end(),
                                   [](const Event& event) { return event.aborted && is_plain_access(event.kind); });
    const bool detected = stop != trace.events.end();
    reported = reported || detected;
    if (race && !detected)
      return ("the detector missed the race at " + describe_event(trace, race->later) + " with " +
              describe_event(trace, race->earlier.front()) + ", " + where + ":" + describe_trace(trace));
    if (!race && detected)
      return ("the detector reported a race that happens-before rules out, " + where + ":" + describe_trace(trace));
    if (!race) continue;
    if (static_cast<std::size_t>(stop - trace.events.begin()) != race->later)
      return ("the detector reported a race elsewhere than the first one, at " + describe_event(trace, race->later) +
              ", " + where + ":" + describe_trace(trace));
    if (&trace == &traces.back() && result.verdict == Verdict::race &&
        (result.details.empty() || !names_one_of(result.details.front(), trace, race->earlier)))
      return ("the detector's earlier access (" + (result.details.empty() ? "none" : result.details.front()) +
              ") races with " + describe_event(trace, race->later) + " in no way the oracle sees, " + where + ":" +
              describe_trace(trace));
  }
  if ((result.verdict == Verdict::race) != reported)
    return "the verdict is " + std::string(to_string(result.verdict)) + " but the traces " +
           (reported ? "stop at a race" : "stop at none") + ", " + where;
  return std::nullopt;
}

void detector_matches_the_oracle(Tally& tally) {
  const SyncProgram program = *sync_programs();
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1'000'000);
  ++tally.programs;
  for (const Strategy& strategy : {random_walk(), pct(3), pos()})
    if (auto error = check_schedules(program, seed, strategy, tally)) RC_FAIL(*error);
}

void print(const char* what, const Tally& tally, double seconds) {
  std::cout << what << ": " << tally.programs << " programs, " << tally.schedules << " schedules, " << tally.traces
            << " traces checked, " << tally.races << " race verdicts, " << seconds << " s\n";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The oracle's first find (a harness bug, fixed): the detector kept every
// store's clock on an atomic, so a load or read-modify-write synchronized
// with stores whose release sequence another task's store had ended.
TEST(HappensBeforeOracle, AStoreByAnotherTaskEndsTheReleaseSequenceItFollows) {
  SyncProgram program;
  program.mutexes = 2;
  program.tasks = {
      {{SyncStepKind::await, 0},
       {SyncStepKind::atomic_store, 0},
       {SyncStepKind::lock, 1},
       {SyncStepKind::fetch_add, 0},
       {SyncStepKind::unlock, 1}},
      {{SyncStepKind::raise, 0},
       {SyncStepKind::lock, 1},
       {SyncStepKind::await, 0},
       {SyncStepKind::write, 0},
       {SyncStepKind::unlock, 1}},
      {{SyncStepKind::read, 0},
       {SyncStepKind::read, 0},
       {SyncStepKind::lock, 0},
       {SyncStepKind::fetch_add, 0},
       {SyncStepKind::atomic_load, 0},
       {SyncStepKind::unlock, 0}},
  };
  Tally tally;
  EXPECT_EQ(check_schedules(program, 1, pct(3), tally), std::nullopt);
  EXPECT_GT(tally.races, 0u);
}

// The same bug on the detector alone: t1 publishes its write with a
// read-modify-write, t2's store ends that release sequence, and t3's
// read-modify-write reads t2's store: t1's write and t3's read race.
TEST(HappensBeforeOracle, TheDetectorSeesTheRaceBehindAnotherTasksStore) {
  detect::RaceDetector detector;
  detector.reset();
  detail::VariableSlot data{detail::ObjectName("data")};
  detail::VariableSlot flag{detail::ObjectName("flag")};
  for (int task = 1; task <= 3; ++task) detector.on_spawn(0, task);
  EXPECT_FALSE(detector.access(1, data, true, std::source_location::current()));
  detector.atomic_access(1, flag, detail::AccessKind::atomic_rmw);
  detector.atomic_access(2, flag, detail::AccessKind::atomic_store);
  detector.atomic_access(3, flag, detail::AccessKind::atomic_rmw);
  EXPECT_TRUE(detector.access(3, data, false, std::source_location::current()));
}

TEST(HappensBeforeOracle, TheRaceDetectorReportsARaceExactlyWhereHappensBeforeLeavesOne) {
  Tally tally;
  const auto start = std::chrono::steady_clock::now();
  const bool passed = rc::check("the race detector agrees with brute-force happens-before",
                                [&tally] { detector_matches_the_oracle(tally); });
  print("happens-before oracle", tally, seconds_since(start));
  EXPECT_TRUE(passed);
}

// The mutation check: a detector without the release -> acquire edge
// reports races in lock-protected programs, and the oracle must see it.
TEST(HappensBeforeOracle, ADetectorWithoutTheReleaseAcquireEdgeFailsTheOracle) {
  struct Restore {
    ~Restore() { detect::mutation_drop_release_acquire = false; }
  } restore;
  detect::mutation_drop_release_acquire = true;
  Tally tally;
  const auto start = std::chrono::steady_clock::now();
  const bool passed = rc::check("a mutated race detector (no release -> acquire edge) agrees with happens-before",
                                [&tally] { detector_matches_the_oracle(tally); });
  print("happens-before oracle, mutated detector", tally, seconds_since(start));
  EXPECT_FALSE(passed) << "the oracle did not notice a race detector without its release -> acquire edge";
  std::cout << "(the falsified property above is the mutated detector's, as it must be)\n";
}

}  // namespace
}  // namespace interleave::fuzz

int main(int argc, char** argv) { return interleave::fuzz::run_properties(argc, argv, 1000); }
