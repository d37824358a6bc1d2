#include "primitives_cases.hpp"

namespace interleave::testing {
namespace {

constexpr auto kThreads = EngineKind::threads;

TEST(ThreadsPrimitives, MutexExcludes) { mutex_excludes(kThreads, 100); }
TEST(ThreadsPrimitives, CondVarHandsOver) { condvar_hands_over(kThreads, 100); }
TEST(ThreadsPrimitives, SemaphoreBoundsHolders) { semaphore_bounds_holders(kThreads, 100); }
TEST(ThreadsPrimitives, JoinWaitsForTheTask) { join_waits_for_the_task(kThreads, 100); }
TEST(ThreadsPrimitives, TimedWaitTimesOut) { timed_wait_times_out(kThreads); }
TEST(ThreadsPrimitives, FailedCheckIsInvariant) { failed_check_is_invariant(kThreads); }
TEST(ThreadsPrimitives, UncaughtExceptionIsCrash) { uncaught_exception_is_crash(kThreads); }

TEST(ThreadsPrimitives, SleepTakesRealTime) {
  auto started = std::chrono::steady_clock::now();
  auto result = explore_on(kThreads, 1, [] { sleep_for(std::chrono::milliseconds(30)); });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(30));
}

}  // namespace
}  // namespace interleave::testing
