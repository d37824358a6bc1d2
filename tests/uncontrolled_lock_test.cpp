// A fiber blocked on a lock interleave does not control (a std::mutex that
// a suspended fiber holds) can never be woken: every fiber runs on the one
// thread it blocks. The fiber engine's ticker sees the thread asleep in the
// kernel in one step while other tasks wait, and ends the process with a
// message naming the task, instead of leaving the test hanging forever.

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "interleave/interleave.hpp"

namespace interleave {
namespace {

using namespace std::chrono_literals;

ExploreOptions quick_watchdog() {
  ExploreOptions options;
  options.schedules = 50;
  options.blocked_loop_threshold = 20ms;
  options.hang_timeout = 300ms;
  return options;
}

TEST(UncontrolledLockDeathTest, AStdMutexHeldAcrossASchedulingPointEndsTheProcessWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        explore(quick_watchdog(), [] {
          std::mutex m;
          auto holder = spawn(
              [&] {
                std::lock_guard<std::mutex> hold(m);
                yield_point();
              },
              "holder");
          auto blocked = spawn([&] { std::lock_guard<std::mutex> hold(m); }, "blocked");
          holder.join();
          blocked.join();
        });
      },
      "task blocked, .* in a call that does not yield, while other tasks wait to run.*std::mutex");
}

// The twin: the same tasks with interleave's mutex are explored, not killed.
TEST(UncontrolledLockDeathTest, TheSameWithInterleavesMutexIsExplored) {
  const auto result = explore(quick_watchdog(), [] {
    Mutex m("m");
    auto holder = spawn(
        [&] {
          ScopedLock hold(m);
          yield_point();
        },
        "holder");
    auto blocked = spawn([&] { ScopedLock hold(m); }, "blocked");
    holder.join();
    blocked.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
