#include <gtest/gtest.h>

#include "interleave/interleave.hpp"
#include "primitives_cases.hpp"

namespace interleave {
namespace {

ExploreResult explore_threads(std::uint64_t schedules, const std::function<void()>& body,
                              std::chrono::milliseconds hang_timeout = std::chrono::milliseconds(2'000)) {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = schedules;
  options.hang_timeout = hang_timeout;
  return explore(options, body);
}

// One schedule on the threads engine, with no noise.
ExploreOptions one_quiet_threads_run() {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = 1;
  options.noise = 0;
  return options;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ThreadsDetection, HeldLocksInOppositeOrderAreADeadlock) {
  testing::held_locks_in_opposite_order_deadlock(EngineKind::threads, 1);
}

TEST(ThreadsDetection, LostWakeupIsADeadlock) {
  auto result = explore_threads(1, [] {
    Mutex lock("lock");
    CondVar ready("ready");
    auto waiter = spawn([&] {
      ScopedLock guard(lock);
      ready.wait(guard);
    });
    waiter.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "condition variable 'ready'")) << result.message;
}

TEST(ThreadsDetection, NoProgressWithinTheTimeoutIsAHang) {
  // A timed wait is not "blocked" (time alone ends it), so this is no
  // deadlock; but nothing happens for longer than the hang timeout.
  auto started = std::chrono::steady_clock::now();
  auto result = explore_threads(
      1,
      [] {
        Mutex lock("lock");
        CondVar never("never");
        ScopedLock guard(lock);
        never.wait_for(guard, std::chrono::hours(1));
      },
      std::chrono::milliseconds(200));
  ASSERT_EQ(result.verdict, Verdict::hang) << result;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
}

TEST(ThreadsDetection, SpinningForeverHitsTheStepBound) {
  ExploreOptions options = one_quiet_threads_run();
  options.max_steps = 20'000;
  auto result = explore(options, [] {
    Atomic<bool> flag(false, "flag");
    auto spinner = spawn([&] {
      while (!flag.load()) yield_point();
    });
    spinner.join();
  });
  ASSERT_EQ(result.verdict, Verdict::hang) << result;
}

// Scheduling points are counted in thread-local batches: none may be lost
// when a task ends partway through one.
TEST(ThreadsDetection, EveryLockIsCountedAsAStep) {
  ExploreOptions options = one_quiet_threads_run();
  constexpr std::uint64_t kLocks = 1'000;  // not a multiple of the batch
  auto result = explore(options, [] {
    Mutex lock("lock");
    auto locker = spawn([&] {
      for (std::uint64_t i = 0; i < kLocks; ++i) ScopedLock guard(lock);
    });
    locker.join();
  });
  ASSERT_TRUE(result.clean()) << result;
  EXPECT_GE(result.max_steps, kLocks);
  EXPECT_LE(result.max_steps, kLocks + 10);
}

// A task that never blocks still sees, within a batch of steps, that the run
// was abandoned, and unwinds.
TEST(ThreadsDetection, AFailedCheckStopsATaskThatNeverBlocks) {
  ExploreOptions options = one_quiet_threads_run();
  options.max_steps = 1'000'000'000;
  auto result = explore(options, [] {
    Atomic<bool> go(false, "go");
    auto spinner = spawn([&] {
      go.store(true);
      for (;;) yield_point();
    });
    while (!go.load()) yield_point();
    check(false, "broken on purpose");
  });
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
}

// Waits on a mutex or a condition variable sleep with no timeout. A failed
// check elsewhere must wake them, so that the run ends with its verdict.
TEST(ThreadsDetection, AFailedCheckWakesTasksAsleepOnAMutexAndACondVar) {
  ExploreOptions options = one_quiet_threads_run();
  auto result = explore(options, [] {
    Mutex lock("lock"), held("held");
    CondVar never("never");
    ScopedLock holding(held);  // until main has joined both tasks
    auto waiter = spawn([&] {
      ScopedLock hold(lock);
      never.wait(hold);
    });
    auto locker = spawn([&] { ScopedLock hold(held); });
    sleep_for(std::chrono::milliseconds(50));  // long enough for both to fall asleep
    check(false, "broken on purpose");
  });
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
}

}  // namespace
}  // namespace interleave
