#pragma once

// Behaviour every engine's primitives must share, run by
// fiber_primitives_test.cpp and threads_primitives_test.cpp.

#include <gtest/gtest.h>

#include <vector>

#include "interleave/interleave.hpp"

namespace interleave::testing {

inline ExploreResult explore_on(EngineKind engine, std::uint64_t schedules, const std::function<void()>& body) {
  ExploreOptions options;
  options.engine = engine;
  options.schedules = schedules;
  options.hang_timeout = std::chrono::milliseconds(2'000);
  return explore(options, body);
}

inline void mutex_excludes(EngineKind engine, std::uint64_t schedules) {
  auto result = explore_on(engine, schedules, [] {
    Mutex lock("lock");
    Shared<int> inside(0, "inside");
    Shared<int> total(0, "total");
    std::vector<Task> tasks;
    for (int t = 0; t < 3; ++t)
      tasks.push_back(spawn([&] {
        for (int i = 0; i < 3; ++i) {
          ScopedLock guard(lock);
          inside.write(inside.read() + 1);
          check(inside.read() == 1, "two tasks inside the critical section");
          total.write(total.read() + 1);
          inside.write(inside.read() - 1);
        }
      }));
    for (auto& task : tasks) task.join();
    check(total.read() == 9, "an increment was lost under the lock");
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(result.schedules, schedules);
}

inline void condvar_hands_over(EngineKind engine, std::uint64_t schedules) {
  auto result = explore_on(engine, schedules, [] {
    Mutex lock("lock");
    CondVar ready("ready");
    Shared<int> slot(0, "slot");
    auto consumer = spawn([&] {
      ScopedLock guard(lock);
      ready.wait(guard, [&] { return slot.read() != 0; });
      check(slot.read() == 42, "consumer saw the wrong value");
    });
    {
      ScopedLock guard(lock);
      slot.write(42);
    }
    ready.notify_one();
    consumer.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

inline void semaphore_bounds_holders(EngineKind engine, std::uint64_t schedules) {
  auto result = explore_on(engine, schedules, [] {
    Semaphore permits(2, "permits");
    Atomic<int> holders(0, "holders");
    std::vector<Task> tasks;
    for (int t = 0; t < 4; ++t)
      tasks.push_back(spawn([&] {
        permits.acquire();
        int now_holding = holders.fetch_add(1) + 1;
        check(now_holding <= 2, "more holders than permits");
        yield_point();
        holders.fetch_sub(1);
        permits.release();
      }));
    for (auto& task : tasks) task.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

inline void join_waits_for_the_task(EngineKind engine, std::uint64_t schedules) {
  auto result = explore_on(engine, schedules, [] {
    Shared<int> value(0, "value");
    auto writer = spawn([&] {
      yield_point();
      value.write(7);
    });
    writer.join();
    check(value.read() == 7, "join returned before the task finished");
  });
  EXPECT_TRUE(result.clean()) << result;
}

inline void timed_wait_times_out(EngineKind engine) {
  auto result = explore_on(engine, 3, [] {
    Mutex lock("lock");
    CondVar never("never");
    Semaphore empty(0, "empty");
    ScopedLock guard(lock);
    Duration before = now();
    check(!never.wait_for(guard, std::chrono::milliseconds(20)), "wait_for reported a notification nobody sent");
    check(!empty.try_acquire_for(std::chrono::milliseconds(20)), "acquired an empty semaphore");
    check(now() - before >= std::chrono::milliseconds(40), "the timeouts did not take their time");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Each task holds its first lock before either asks for its second (an
// atomic barrier), so every schedule deadlocks, and the report must name
// both tasks and both mutexes.
inline void held_locks_in_opposite_order_deadlock(EngineKind engine, std::uint64_t schedules) {
  auto result = explore_on(engine, schedules, [] {
    Mutex a("alpha"), b("beta");
    Atomic<int> holding(0, "holding");
    auto take = [&](Mutex& first, Mutex& second) {
      ScopedLock hold_first(first);
      holding.fetch_add(1);
      while (holding.load() < 2) yield_point();
      ScopedLock hold_second(second);
    };
    auto left = spawn([&] { take(a, b); }, "left");
    auto right = spawn([&] { take(b, a); }, "right");
    left.join();
    right.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_NE(result.message.find("left waits for mutex 'beta' held by right"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("right waits for mutex 'alpha' held by left"), std::string::npos) << result.message;
}

inline void failed_check_is_invariant(EngineKind engine) {
  auto result = explore_on(engine, 5, [] { check(false, "deliberately false"); });
  EXPECT_EQ(result.verdict, Verdict::invariant);
  EXPECT_NE(result.message.find("deliberately false"), std::string::npos) << result.message;
  EXPECT_EQ(result.schedules, 1u);
}

inline void uncaught_exception_is_crash(EngineKind engine) {
  auto result = explore_on(engine, 5, [] {
    auto task = spawn([] { throw std::runtime_error("boom"); });
    task.join();
  });
  EXPECT_EQ(result.verdict, Verdict::crash);
  EXPECT_NE(result.message.find("boom"), std::string::npos) << result.message;
}

}  // namespace interleave::testing
