// blocked_loop counts only the time a fiber's thread slept in a call that
// did not yield, never the time the OS ran something else: a real sleep is
// found on a quiet and on a busy machine, and correct code stays clean on a
// busy one even with a threshold far below what preemption takes.

#include <gtest/gtest.h>

#include <thread>

#include "cpu_hogs.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

using namespace std::chrono_literals;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A task holds a lock across the operating system's sleep while a heartbeat
// waits to tick: the check fires in the unlock, which may not throw.
void lock_held_across_a_real_sleep() {
  Mutex lock("lock");
  Atomic<bool> done(false, "done");
  auto heartbeat = spawn(
      [&] {
        while (!done.load()) sleep_for(10ms);
      },
      "heartbeat");
  auto sleeper = spawn(
      [&] {
        {
          ScopedLock hold(lock);
          std::this_thread::sleep_for(150ms);
        }
        done.store(true);
      },
      "sleeper");
  sleeper.join();
  heartbeat.join();
}

ExploreResult explore_lock_held_across_a_real_sleep() {
  ExploreOptions options;
  options.schedules = 20;
  return explore(options, lock_held_across_a_real_sleep);
}

void expect_blocked_loop_in_the_unlock(const ExploreResult& result) {
  ASSERT_EQ(result.verdict, Verdict::blocked_loop) << result;
  EXPECT_TRUE(contains(result.message, "sleeper was blocked 1")) << result.message;
  EXPECT_TRUE(contains(result.message, "heartbeat was waiting")) << result.message;
  // The unlock at the scope's end is reported at the line that locked.
  EXPECT_TRUE(contains(result.message, "to blocked_loop_test.cpp:")) << "found in the unlock: " << result.message;
  EXPECT_FALSE(contains(result.message, "mutex.hpp")) << result.message;
}

TEST(BlockedLoop, ALockHeldAcrossARealSleepIsABlockedLoopNotAnAbort) {
  expect_blocked_loop_in_the_unlock(explore_lock_held_across_a_real_sleep());
}

TEST(BlockedLoop, ALockHeldAcrossARealSleepIsFoundOnABusyMachine) {
  testing::CpuHogs hogs;
  expect_blocked_loop_in_the_unlock(explore_lock_held_across_a_real_sleep());
}

TEST(BlockedLoop, ABlockingCallIsFoundOnABusyMachine) {
  testing::CpuHogs hogs;
  const Scenario scenario = scenarios::event_loop_scenario();
  for (const Variant& variant : scenario.variants) {
    if (variant.name != "blocking_call") continue;
    ExploreOptions options;
    options.schedules = 20;
    auto result = explore(options, [&] { variant.body(scenario.defaults); });
    EXPECT_EQ(result.verdict, Verdict::blocked_loop) << result;
  }
}

// Two hogs a core take the CPU from the exploring thread for several
// milliseconds at a time: with a 2 ms threshold, a check that counted wall
// time would call these correct variants blocked.
TEST(BlockedLoop, CorrectVariantsStayCleanOnABusyMachineWithA2msThreshold) {
  testing::CpuHogs hogs(2 * std::thread::hardware_concurrency());
  const std::vector<std::pair<Scenario, std::string>> correct = {
      {scenarios::counter_scenario(), "locked"},
      {scenarios::bounded_queue_scenario(), "correct"},
      {scenarios::event_loop_scenario(), "cooperative"},
  };
  for (const auto& [scenario, name] : correct)
    for (const Variant& variant : scenario.variants) {
      if (variant.name != name) continue;
      ExploreOptions options;
      options.schedules = 10'000;
      options.blocked_loop_threshold = 2ms;
      auto result = explore(options, [&] { variant.body(scenario.defaults); });
      EXPECT_TRUE(result.clean()) << scenario.name << "/" << name << ": " << result;
    }
}

// Starting many tasks takes CPU time, not a sleep.
TEST(BlockedLoop, SpawningManyTasksIsNotABlockingCall) {
  ExploreOptions options;
  options.schedules = 2;
  options.blocked_loop_threshold = 5ms;
  auto result = explore(options, [] {
    std::vector<Task> tasks;
    for (int i = 0; i < 2'000; ++i) tasks.push_back(spawn([] {}));
    for (Task& task : tasks) task.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
