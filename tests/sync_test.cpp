// interleave::sync, the std-shaped API: classes written against std (in
// sync_written/classes.inc) run unchanged under `namespace sync =
// interleave::sync`, their bugs are found, their fixes stay clean, and each
// std name behaves as std's does.

#include "interleave/sync.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "explore_for.hpp"
#include "interleave/interleave.hpp"

namespace production {
namespace sync = std;
#include "sync_written/classes.inc"
}  // namespace production

namespace under_test {
namespace sync = interleave::sync;
#include "sync_written/classes.inc"
}  // namespace under_test

namespace interleave {
namespace {

using test_support::explore_for;

// Two producers push two items each; two consumers pop two each.
template <class Queue, class Thread>
void producers_and_consumers(Queue& queue, std::vector<int>& popped) {
  std::vector<Thread> threads;
  for (int p = 0; p < 2; ++p)
    threads.emplace_back([&queue, p] {
      for (int i = 0; i < 2; ++i) queue.push(p * 10 + i);
    });
  std::vector<int> taken[2];
  for (int c = 0; c < 2; ++c)
    threads.emplace_back([&queue, &taken, c] {
      for (int i = 0; i < 2; ++i) taken[c].push_back(queue.pop());
    });
  for (auto& thread : threads) thread.join();
  for (const auto& some : taken) popped.insert(popped.end(), some.begin(), some.end());
}

TEST(StdWritten, TheQueueRunsOnStdItself) {
  production::BoundedQueue<int> queue(1, false);
  std::vector<int> popped;
  producers_and_consumers<production::BoundedQueue<int>, std::thread>(queue, popped);
  EXPECT_EQ(popped.size(), 4u);
}

TEST(StdWritten, TheCorrectQueueIsClean) {
  const auto result = explore_for(3'000, [] {
    under_test::BoundedQueue<int> queue(1, false);
    std::vector<int> popped;
    producers_and_consumers<under_test::BoundedQueue<int>, sync::thread>(queue, popped);
    check(popped.size() == 4, "every item popped");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(StdWritten, TheCorrectQueueIsCleanOnRealThreads) {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = 200;
  const auto result = explore(options, [] {
    under_test::BoundedQueue<int> queue(1, false);
    std::vector<int> popped;
    producers_and_consumers<under_test::BoundedQueue<int>, sync::thread>(queue, popped);
    check(popped.size() == 4, "every item popped");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(StdWritten, ALostWakeupIsADeadlockAtTheUsersLine) {
  const auto result = explore_for(3'000, [] {
    under_test::BoundedQueue<int> queue(4, true);
    std::vector<int> popped;
    producers_and_consumers<under_test::BoundedQueue<int>, sync::thread>(queue, popped);
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  std::string text;
  for (const auto& line : result.details) text += line + "\n";
  for (const auto& event : result.events) text += event.where + "\n";
  EXPECT_NE(text.find("classes.inc:"), std::string::npos) << "the wait is the user's line:\n" << text;
  EXPECT_EQ(text.find("condition_variable.hpp"), std::string::npos) << text;
  EXPECT_EQ(text.find("mutex.hpp"), std::string::npos) << text;
}

TEST(StdWritten, ARelaxedLoadThenStoreLosesAHit) {
  auto body = [](bool broken) {
    return [broken] {
      under_test::HitCounter counter(broken);
      sync::thread a([&] { counter.hit(); });
      sync::thread b([&] { counter.hit(); });
      a.join();
      b.join();
      check(counter.hits() == 2, "lost hit");
    };
  };
  EXPECT_EQ(explore_for(3'000, body(true)).verdict, Verdict::invariant);
  const auto fixed = explore_for(3'000, body(false));
  EXPECT_TRUE(fixed.clean()) << fixed;
}

TEST(StdWritten, ScopedLockTakesTwoMutexesInEitherOrderWithoutDeadlock) {
  auto body = [](bool in_order_given) {
    return [in_order_given] {
      under_test::Accounts accounts(in_order_given);
      sync::thread a([&] { accounts.transfer(0, 1, 10); });
      sync::thread b([&] { accounts.transfer(1, 0, 20); });
      a.join();
      b.join();
      check(accounts.total() == 200, "money made or lost");
    };
  };
  const auto scoped = explore_for(3'000, body(false));
  EXPECT_TRUE(scoped.clean()) << scoped;
  const auto guards = explore_for(3'000, body(true));
  EXPECT_EQ(guards.verdict, Verdict::deadlock) << guards;
}

// A class that keeps its std::mutex is invisible to the scheduler: every
// schedule is the same one, and the result says so instead of a bare clean.
TEST(StdWritten, StdPrimitivesThatTheSchedulerCannotSeeAreAWarning) {
  const auto result = explore_for(100, [] {
    production::Accounts accounts(false);
    production::HitCounter hits(true);
    sync::thread a([&] {
      accounts.transfer(0, 1, 10);
      hits.hit();
    });
    sync::thread b([&] {
      accounts.transfer(1, 0, 20);
      hits.hit();
    });
    a.join();
    b.join();
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_NE(result.warning.find("no spawned task reached a scheduling point"), std::string::npos) << result;
  std::ostringstream printed;
  printed << result;
  EXPECT_NE(printed.str().find("warning: no spawned task"), std::string::npos) << printed.str();
  const auto with_sync = explore_for(100, [] {
    under_test::BoundedQueue<int> queue(4, false);
    sync::thread producer([&] { queue.push(1); });
    producer.join();
  });
  EXPECT_TRUE(with_sync.warning.empty()) << with_sync;
}

// On real threads the std::mutex works, but interleave checks nothing of
// it: the result says so too.
TEST(StdWritten, OnTheThreadsEngineStdPrimitivesAreAWarningToo) {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = 20;
  options.environment_overrides = false;
  const auto result = explore(options, [] {
    production::Accounts accounts(false);
    sync::thread a([&] { accounts.transfer(0, 1, 10); });
    sync::thread b([&] { accounts.transfer(1, 0, 20); });
    a.join();
    b.join();
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_NE(result.warning.find("no spawned task reached an interleave operation"), std::string::npos) << result;
  EXPECT_NE(result.warning.find("--engine tsan"), std::string::npos) << result;
  const auto with_sync = explore(options, [] {
    under_test::Accounts accounts(false);
    sync::thread a([&] { accounts.transfer(0, 1, 10); });
    a.join();
  });
  EXPECT_TRUE(with_sync.warning.empty()) << with_sync;
}

TEST(SyncNames, UniqueLockDeferTryAdoptAndEarlyUnlock) {
  const auto result = explore_for(200, [] {
    sync::mutex m;
    sync::unique_lock<sync::mutex> deferred(m, sync::defer_lock);
    check(!deferred.owns_lock(), "defer_lock does not lock");
    deferred.lock();
    check(deferred.owns_lock() && static_cast<bool>(deferred), "lock() locks");
    sync::thread other([&] {
      sync::unique_lock<sync::mutex> tried(m, sync::try_to_lock);
      if (tried) tried.unlock();
    });
    deferred.unlock();
    check(!deferred.owns_lock(), "unlock() unlocks early");
    other.join();
    m.lock();
    sync::unique_lock<sync::mutex> adopted(m, sync::adopt_lock);
    check(adopted.owns_lock() && adopted.mutex() == &m, "adopt_lock owns without locking");
    sync::unique_lock<sync::mutex> moved(std::move(adopted));
    check(moved.owns_lock() && !adopted.owns_lock(), "a move passes ownership");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncNames, ThreadJoinableGetIdAndThisThread) {
  const auto result = explore_for(100, [] {
    sync::thread none;
    check(!none.joinable() && none.get_id() == sync::thread::id{}, "a default thread is not a thread");
    sync::shared<int> ran(0);
    sync::thread a([&](int add) { ran += add; }, 5);
    sync::thread b([&] {
      sync::this_thread::yield();
      sync::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
    check(a.joinable() && a.get_id() != b.get_id(), "two threads, two ids");
    a.join();
    b.join();
    check(!a.joinable(), "joined");
    check(ran == 5, "the argument reached the thread");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncNames, AThreadLeftJoinableIsACrashNotTheEndOfTheTest) {
  const auto result = explore_for(10, [] { sync::thread forgotten([] {}); });
  EXPECT_EQ(result.verdict, Verdict::crash) << result;
  EXPECT_NE(result.message.find("destroyed while joinable"), std::string::npos) << result;
}

TEST(SyncNames, ConditionVariableWaitForTimesOutInVirtualTime) {
  const auto started = std::chrono::steady_clock::now();
  const auto result = explore_for(20, [] {
    sync::mutex m;
    sync::condition_variable cv;
    sync::unique_lock<sync::mutex> lock(m);
    check(cv.wait_for(lock, std::chrono::seconds(30)) == sync::cv_status::timeout, "nobody notifies");
    check(!cv.wait_for(lock, std::chrono::seconds(30), [] { return false; }), "the predicate never holds");
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20)) << "20 x 60 s of virtual time";
}

TEST(SyncNames, CountingSemaphoreBoundsTheHolders) {
  const auto result = explore_for(2'000, [] {
    sync::counting_semaphore<2> slots(2);
    sync::atomic<int> inside(0);
    std::vector<sync::thread> threads;
    for (int t = 0; t < 3; ++t)
      threads.emplace_back([&] {
        slots.acquire();
        check(++inside <= 2, "three holders of two slots");
        --inside;
        slots.release();
      });
    for (auto& thread : threads) thread.join();
    sync::binary_semaphore once(0);
    check(!once.try_acquire(), "a binary semaphore at 0 is taken");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncNames, AtomicMembersAndOperators) {
  const auto result = explore_for(10, [] {
    sync::atomic<int> value(6);
    check(value.exchange(7) == 6 && value == 7, "exchange");
    int expected = 1;
    check(!value.compare_exchange_strong(expected, 2) && expected == 7, "a failed CAS reports the value");
    // A weak CAS may fail spuriously (the engine explores it), so in a loop.
    while (!value.compare_exchange_weak(expected, 8, sync::memory_order_acq_rel, sync::memory_order_acquire))
      check(expected == 7, "a failed weak CAS reports the value");
    check(value == 8, "a CAS with the right value succeeds");
    check(value.fetch_or(1) == 8 && value.fetch_and(3) == 9 && value.fetch_xor(1) == 1 && value == 0, "bit ops");
    value += 5;
    value -= 2;
    check(value++ == 3 && ++value == 5 && value-- == 5 && --value == 3, "increments");
    sync::atomic<bool> flag;
    flag = true;
    check(flag.load(sync::memory_order_acquire), "a bool atomic");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// shared<T> reads like a value, and the race detector sees its accesses.
TEST(SyncNames, SharedIsWatchedByTheRaceDetector) {
  const auto racy = explore_for(1'000, [] {
    sync::shared<int> count(0);
    sync::thread a([&] { count += 1; });
    sync::thread b([&] { count += 1; });
    a.join();
    b.join();
  });
  EXPECT_EQ(racy.verdict, Verdict::race) << racy;
  const auto locked = explore_for(1'000, [] {
    sync::mutex m;
    sync::shared<int> count(0);
    auto add = [&] {
      sync::lock_guard<sync::mutex> hold(m);
      ++count;
    };
    sync::thread a(add);
    sync::thread b(add);
    a.join();
    b.join();
    check(count == 2, "both adds");
  });
  EXPECT_TRUE(locked.clean()) << locked;
}

}  // namespace
}  // namespace interleave
