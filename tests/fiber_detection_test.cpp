#include <gtest/gtest.h>

#include "interleave/interleave.hpp"
#include "primitives_cases.hpp"

namespace interleave {
namespace {

ExploreResult explore_fiber(std::uint64_t schedules, const std::function<void()>& body,
                            std::uint64_t max_steps = 100'000) {
  ExploreOptions options;
  options.schedules = schedules;
  options.max_steps = max_steps;
  return explore(options, body);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FiberDetection, OppositeLockOrderDeadlockNamesTasksAndMutexes) {
  testing::held_locks_in_opposite_order_deadlock(EngineKind::fiber, 200);
}

// Opposite orders that cannot deadlock, gate locks: lock_order_test.cpp.

TEST(FiberDetection, ConsistentLockOrderStaysClean) {
  auto result = explore_fiber(5'000, [] {
    Mutex a("alpha"), b("beta");
    auto first = spawn([&] {
      ScopedLock hold_a(a);
      ScopedLock hold_b(b);
    });
    auto second = spawn([&] {
      ScopedLock hold_a(a);
      ScopedLock hold_b(b);
    });
    first.join();
    second.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(FiberDetection, LostWakeupIsADeadlockOnTheCondVar) {
  auto result = explore_fiber(100, [] {
    Mutex lock("lock");
    CondVar ready("ready");
    auto waiter = spawn(
        [&] {
          ScopedLock guard(lock);
          ready.wait(guard);  // nobody will ever notify
        },
        "waiter");
    waiter.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "condition variable 'ready'")) << result.message;
}

TEST(FiberDetection, RelockingAHeldMutexIsADeadlock) {
  auto result = explore_fiber(10, [] {
    Mutex lock("only");
    lock.lock();
    lock.lock();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "mutex 'only'")) << result.message;
}

TEST(FiberDetection, SpinningForeverIsAHang) {
  auto result = explore_fiber(
      10,
      [] {
        Atomic<bool> flag(false, "flag");
        auto spinner = spawn([&] {
          while (!flag.load()) yield_point();  // nobody sets it
        });
        spinner.join();
      },
      5'000);
  ASSERT_EQ(result.verdict, Verdict::hang) << result;
  EXPECT_EQ(result.schedules, 1u);
}

TEST(FiberDetection, BusyWaitThatIsReleasedIsNotAHang) {
  auto result = explore_fiber(2'000, [] {
    Atomic<bool> flag(false, "flag");
    auto spinner = spawn([&] {
      while (!flag.load()) yield_point();
    });
    flag.store(true);
    spinner.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(FiberDetection, UnlockingAMutexNotHeldIsACrash) {
  auto result = explore_fiber(10, [] {
    Mutex lock("lock");
    lock.unlock();
    yield_point();
  });
  ASSERT_EQ(result.verdict, Verdict::crash) << result;
  EXPECT_TRUE(contains(result.message, "does not hold")) << result.message;
}

}  // namespace
}  // namespace interleave
