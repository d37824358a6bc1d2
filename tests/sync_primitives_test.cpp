// interleave::sync's composite primitives (latch, barrier, call_once,
// shared_mutex, timed_mutex, condition_variable_any, jthread, atomic_flag,
// atomic wait): each does what std's does, and the race detector sees the
// order it gives, so that leaving it out is a finding.

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "explore_for.hpp"
#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace interleave {
namespace {

using test_support::explore_for;

// Workers write their slot, then count down; main reads every slot after
// the latch (or, with `skip_wait`, without waiting for it).
void latch_publishes(bool skip_wait) {
  sync::latch done(2);
  sync::shared<int> slots[2];
  std::vector<sync::thread> workers;
  for (int i = 0; i < 2; ++i)
    workers.emplace_back([&, i] {
      slots[i] = i + 1;
      done.count_down();
    });
  if (!skip_wait) done.wait();
  const int sum = slots[0] + slots[1];
  for (auto& worker : workers) worker.join();
  check(skip_wait || sum == 3, "a slot read before its worker wrote it");
}

TEST(SyncPrimitives, ALatchOrdersWritesBeforeItAndLeavingItOutIsARace) {
  const auto waited = explore_for(2'000, [] { latch_publishes(false); });
  EXPECT_TRUE(waited.clean()) << waited;
  EXPECT_EQ(explore_for(2'000, [] { latch_publishes(true); }).verdict, Verdict::race);
}

TEST(SyncPrimitives, ABarrierRunsItsCompletionOncePerPhaseAfterEveryArrival) {
  const auto result = explore_for(2'000, [] {
    int phases = 0;
    sync::shared<int> slots[3];
    sync::barrier sync_point(3, [&phases]() noexcept { ++phases; });
    std::vector<sync::thread> threads;
    for (int i = 0; i < 3; ++i)
      threads.emplace_back([&, i] {
        for (int round = 1; round <= 2; ++round) {
          slots[i] = round;
          sync_point.arrive_and_wait();
          const int seen = slots[0] + slots[1] + slots[2];
          check(seen == 3 * round, "a slot of this round missing after the barrier");
          sync_point.arrive_and_wait();
        }
      });
    for (auto& thread : threads) thread.join();
    check(phases == 4, "one completion per phase");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncPrimitives, CallOnceRunsOneCallAndAThrowingCallLeavesItForTheNext) {
  const auto result = explore_for(2'000, [] {
    sync::once_flag flag;
    sync::atomic<int> runs(0);
    std::vector<sync::thread> threads;
    for (int i = 0; i < 3; ++i) threads.emplace_back([&] { sync::call_once(flag, [&] { ++runs; }); });
    for (auto& thread : threads) thread.join();
    check(runs == 1, "call_once ran more than once");

    sync::once_flag retried;
    try {
      sync::call_once(retried, [] { throw std::runtime_error("first try fails"); });
    } catch (const std::runtime_error&) {
    }
    bool ran = false;
    sync::call_once(retried, [&] { ran = true; });
    check(ran, "a throwing call leaves the flag unset");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Two readers and a writer; with `writer_reads_only`, the writer takes the
// shared side and its write races with the readers.
void readers_and_writer(bool writer_reads_only) {
  sync::shared_mutex rw;
  sync::shared<int> value(0);
  sync::atomic<int> readers(0), writers(0);
  auto read = [&] {
    sync::shared_lock<sync::shared_mutex> hold(rw);
    ++readers;
    check(writers == 0, "a reader inside with the writer");
    [[maybe_unused]] int seen = value;
    --readers;
  };
  sync::thread a(read), b(read);
  sync::thread w([&] {
    if (writer_reads_only) {
      sync::shared_lock<sync::shared_mutex> hold(rw);
      value = 1;
      return;
    }
    sync::unique_lock<sync::shared_mutex> hold(rw);
    ++writers;
    check(readers == 0, "the writer inside with a reader");
    value = 1;
    --writers;
  });
  a.join();
  b.join();
  w.join();
}

TEST(SyncPrimitives, SharedMutexExcludesTheWriterAndAWriterOnTheSharedSideRaces) {
  const auto correct = explore_for(3'000, [] { readers_and_writer(false); });
  EXPECT_TRUE(correct.clean()) << correct;
  EXPECT_EQ(explore_for(3'000, [] { readers_and_writer(true); }).verdict, Verdict::race);
}

TEST(SyncPrimitives, TimedMutexGivesUpInVirtualTime) {
  const auto started = std::chrono::steady_clock::now();
  const auto result = explore_for(200, [] {
    sync::timed_mutex m;
    m.lock();
    sync::thread other([&] { check(!m.try_lock_for(std::chrono::seconds(10)), "locked twice"); });
    sync::this_thread::sleep_for(std::chrono::seconds(60));
    m.unlock();
    other.join();
    check(m.try_lock(), "free again");
    m.unlock();
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << "200 x 60 s of virtual time";
}

TEST(SyncPrimitives, ConditionVariableAnyWaitsOnASharedLock) {
  const auto result = explore_for(2'000, [] {
    sync::shared_mutex rw;
    sync::condition_variable_any ready_changed;
    bool ready = false;  // under rw
    sync::thread waiter([&] {
      sync::shared_lock<sync::shared_mutex> hold(rw);
      ready_changed.wait(hold, [&] { return ready; });
    });
    {
      sync::unique_lock<sync::shared_mutex> hold(rw);
      ready = true;
    }
    ready_changed.notify_all();
    waiter.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncPrimitives, AJthreadAsksItsFunctionToStopAndJoins) {
  const auto result = explore_for(500, [] {
    sync::atomic<int> polls(0);
    {
      sync::jthread poller([&](std::stop_token stop) {
        while (!stop.stop_requested()) {
          ++polls;
          sync::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      });
      sync::this_thread::sleep_for(std::chrono::milliseconds(3));
    }  // stops and joins here
    const int seen = polls;
    sync::this_thread::sleep_for(std::chrono::milliseconds(5));
    check(polls == seen, "the poller ran on after its jthread was gone");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// A spinlock of an atomic_flag; with `clear_early`, it is released before
// the write it should protect.
void flag_spinlock(bool clear_early) {
  sync::atomic_flag busy;
  sync::shared<int> count(0);
  auto add = [&] {
    while (busy.test_and_set(sync::memory_order_acquire)) busy.wait(true);
    const int seen = count;
    if (clear_early) busy.clear(sync::memory_order_release);
    count = seen + 1;
    if (!clear_early) busy.clear(sync::memory_order_release);
    busy.notify_one();
  };
  sync::thread a(add), b(add);
  a.join();
  b.join();
  check(count == 2, "lost update");
}

TEST(SyncPrimitives, AnAtomicFlagSpinlockProtectsAndAnEarlyClearIsFound) {
  const auto correct = explore_for(3'000, [] { flag_spinlock(false); });
  EXPECT_TRUE(correct.clean()) << correct;
  EXPECT_NE(explore_for(3'000, [] { flag_spinlock(true); }).verdict, Verdict::clean);
}

TEST(SyncPrimitives, AtomicWaitReturnsOnceTheValueChanged) {
  const auto result = explore_for(1'000, [] {
    sync::atomic<int> state(0);
    sync::thread waiter([&] {
      state.wait(0);
      check(state.load() == 1, "woke before the change");
    });
    state.store(1);
    state.notify_all();
    waiter.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
