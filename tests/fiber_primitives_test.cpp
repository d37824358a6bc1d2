#include "primitives_cases.hpp"

namespace interleave::testing {
namespace {

constexpr auto kFiber = EngineKind::fiber;

TEST(FiberPrimitives, MutexExcludes) { mutex_excludes(kFiber, 2'000); }
TEST(FiberPrimitives, CondVarHandsOver) { condvar_hands_over(kFiber, 2'000); }
TEST(FiberPrimitives, SemaphoreBoundsHolders) { semaphore_bounds_holders(kFiber, 2'000); }
TEST(FiberPrimitives, JoinWaitsForTheTask) { join_waits_for_the_task(kFiber, 2'000); }
TEST(FiberPrimitives, TimedWaitTimesOut) { timed_wait_times_out(kFiber); }
TEST(FiberPrimitives, FailedCheckIsInvariant) { failed_check_is_invariant(kFiber); }
TEST(FiberPrimitives, UncaughtExceptionIsCrash) { uncaught_exception_is_crash(kFiber); }

TEST(FiberPrimitives, SleepUsesVirtualTime) {
  auto started = std::chrono::steady_clock::now();
  auto result = explore_on(kFiber, 100, [] {
    Duration before = now();
    sleep_for(std::chrono::hours(1));
    check(now() - before == std::chrono::hours(1), "virtual clock did not advance by the sleep");
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::minutes(1));
}

TEST(FiberPrimitives, TimeAdvancesOnlyWhenNothingCanRun) {
  auto result = explore_on(kFiber, 500, [] {
    Atomic<int> progress(0, "progress");
    auto sleeper = spawn([&] {
      sleep_for(std::chrono::seconds(1));
      check(progress.load() == 3, "virtual time advanced while another task could still run");
    });
    for (int i = 0; i < 3; ++i) progress.fetch_add(1);
    sleeper.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Made outside a run is fine (it binds at its first use in one); used outside one is not.
TEST(FiberPrimitives, UsedOutsideARunThrows) {
  Mutex orphan("orphan");
  EXPECT_THROW(orphan.lock(), std::logic_error);
}

}  // namespace
}  // namespace interleave::testing
