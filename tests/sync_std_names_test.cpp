// std names interleave::sync added for issue 17: recursive mutexes,
// thread::detach and ids, pointer atomics and atomics of a struct. Each
// synchronization primitive with a bug it lets the harness find and the
// correct twin that stays clean.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <vector>

#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace interleave {
namespace {

using namespace std::chrono_literals;

ExploreResult explore_for(std::uint64_t schedules, const std::function<void()>& body) {
  ExploreOptions options;
  options.schedules = schedules;
  return explore(options, body);
}

// Two threads add under a recursive mutex, each taking it twice; with
// `forget_inner_unlock` one of them unlocks once only, and keeps it.
void add_nested(bool forget_inner_unlock) {
  sync::recursive_mutex lock;
  sync::shared<int> count(0);
  auto add = [&](bool forget) {
    lock.lock();
    lock.lock();
    count += 1;
    if (!forget) lock.unlock();
    lock.unlock();
  };
  sync::thread a([&] { add(forget_inner_unlock); });
  sync::thread b([&] { add(false); });
  a.join();
  b.join();
  check(count == 2, "lost increment");
}

TEST(SyncStdNames, ARecursiveMutexIsRelockedByItsHolderAndAMissingUnlockDeadlocks) {
  const auto nested = explore_for(1'000, [] { add_nested(false); });
  EXPECT_TRUE(nested.clean()) << nested;
  const auto kept = explore_for(1'000, [] { add_nested(true); });
  EXPECT_EQ(kept.verdict, Verdict::deadlock) << kept;
}

TEST(SyncStdNames, ARecursiveTimedMutexGivesUpInVirtualTime) {
  const auto result = explore_for(300, [] {
    sync::recursive_timed_mutex lock;
    sync::atomic<bool> held(false);
    sync::thread holder([&] {
      lock.lock();
      held = true;
      sync::this_thread::sleep_for(50ms);
      lock.unlock();
    });
    while (!held) sync::this_thread::yield();
    const bool got_soon = lock.try_lock_for(10ms);
    const bool got_later = lock.try_lock_for(1s);
    check(!got_soon && got_later, "try_lock_for ignored the holder or its timeout");
    if (got_later) lock.unlock();
    holder.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncStdNames, ADetachedThreadRunsToItsEndBeforeTheScheduleDoes) {
  std::atomic<int> finished{0};
  const auto result = explore_for(100, [&] {
    sync::thread worker([&] {
      sync::this_thread::yield();
      ++finished;
    });
    worker.detach();
    check(!worker.joinable(), "a detached thread is not joinable");
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(finished.load(), static_cast<int>(result.schedules));
}

// The body reads what a detached worker writes: after a latch, or without.
void read_after_detached_write(bool wait_for_it) {
  auto slot = std::make_shared<sync::shared<int>>(0);
  auto written = std::make_shared<sync::latch>(1);
  sync::thread worker([slot, written] {
    *slot = 1;
    written->count_down();
  });
  worker.detach();
  if (wait_for_it) written->wait();
  const int seen = *slot;
  check(!wait_for_it || seen == 1, "read before the write");
}

TEST(SyncStdNames, ADetachedThreadsWriteIsARaceUnlessSomethingOrdersIt) {
  EXPECT_EQ(explore_for(500, [] { read_after_detached_write(false); }).verdict, Verdict::race);
  const auto ordered = explore_for(500, [] { read_after_detached_write(true); });
  EXPECT_TRUE(ordered.clean()) << ordered;
}

TEST(SyncStdNames, AThreadsIdIsTheOneItSeesForItself) {
  const auto result = explore_for(50, [] {
    sync::thread::id seen_inside;
    sync::thread worker([&] { seen_inside = sync::this_thread::get_id(); });
    const sync::thread::id given = worker.get_id();
    worker.join();
    check(given == seen_inside, "thread::get_id differs from this_thread::get_id inside it");
    check(given != sync::this_thread::get_id(), "a thread has the id of the one that made it");
    check(given != sync::thread::id{} && worker.get_id() == sync::thread::id{}, "ids of no thread");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncStdNames, APointerAtomicMovesInUnitsOfWhatItPointsTo) {
  const auto result = explore_for(1, [] {
    int slots[8] = {};
    sync::atomic<int*> next(slots);
    check(next.fetch_add(2) == slots && next.load() == slots + 2, "fetch_add");
    check(++next == slots + 3 && next++ == slots + 3 && next.load() == slots + 4, "++");
    check((next += 3) == slots + 7 && (next -= 2) == slots + 5, "+= and -=");
    check(--next == slots + 4 && next-- == slots + 4 && next.fetch_sub(1) == slots + 3, "--");
    check(next.load() == slots + 2, "the end");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Two threads claim a slot each from a pointer atomic: with fetch_add, or
// with a load and a store that can hand both the same slot.
void claim_slots(bool load_then_store) {
  int slots[2] = {};
  sync::atomic<int*> next(slots);
  auto claim = [&] {
    int* mine = nullptr;
    if (load_then_store) {
      mine = next.load();
      next.store(mine + 1);
    } else {
      mine = next.fetch_add(1);
    }
    return mine;
  };
  int* got[2] = {};
  sync::thread a([&] { got[0] = claim(); });
  sync::thread b([&] { got[1] = claim(); });
  a.join();
  b.join();
  check(got[0] != got[1], "two threads got the same slot");
}

TEST(SyncStdNames, ClaimingWithAPointerLoadThenStoreHandsOutASlotTwice) {
  EXPECT_EQ(explore_for(500, [] { claim_slots(true); }).verdict, Verdict::invariant);
  const auto fetched = explore_for(500, [] { claim_slots(false); });
  EXPECT_TRUE(fetched.clean()) << fetched;
}

struct Range {
  int low = 0;
  int high = 0;
};

// Two threads widen a range kept in one atomic: by compare_exchange, or by
// a load and a store that can lose the other's change.
void widen(bool load_then_store) {
  sync::atomic<Range> range(Range{5, 5});
  auto update = [&](auto change) {
    Range seen = range.load();
    if (load_then_store) {
      range.store(change(seen));
      return;
    }
    while (!range.compare_exchange_strong(seen, change(seen))) {
    }
  };
  sync::thread a([&] { update([](Range r) { return Range{r.low - 1, r.high}; }); });
  sync::thread b([&] { update([](Range r) { return Range{r.low, r.high + 1}; }); });
  a.join();
  b.join();
  const Range now = range.exchange(Range{});
  check(now.low == 4 && now.high == 6, "a change to the range was lost");
}

TEST(SyncStdNames, AStructAtomicUpdatedByLoadThenStoreLosesAChange) {
  EXPECT_EQ(explore_for(500, [] { widen(true); }).verdict, Verdict::invariant);
  const auto exchanged = explore_for(500, [] { widen(false); });
  EXPECT_TRUE(exchanged.clean()) << exchanged;
}

// wait_until on a steady_clock deadline: a notify before it wakes the
// waiter; with nobody notifying, it times out (virtual time: no real wait).
TEST(SyncStdNames, WaitUntilWakesOnANotifyAndTimesOutWithoutOne) {
  const auto result = explore_for(200, [] {
    sync::mutex m;
    sync::condition_variable cv;
    bool ready = false;
    sync::thread notifier([&] {
      {
        sync::lock_guard<sync::mutex> hold(m);
        ready = true;
      }
      cv.notify_one();
    });
    sync::unique_lock<sync::mutex> lock(m);
    const bool woke = cv.wait_until(lock, std::chrono::steady_clock::now() + 1h, [&] { return ready; });
    check(woke && ready, "wait_until with a predicate gave up before the notify");
    const auto deadline = std::chrono::steady_clock::now() + 20ms;
    // Woken at most by the notifier's notify (which may come after the
    // predicate held) and the one spurious wakeup the options allow.
    int wakeups = 0;
    while (cv.wait_until(lock, deadline) == sync::cv_status::no_timeout) ++wakeups;
    check(wakeups <= 2, "a wait with no notify left to come did not time out");
    lock.unlock();
    notifier.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Fences are accepted (every operation is seq_cst, so they add nothing
// yet); a relaxed flag with fences around still publishes under seq_cst.
TEST(SyncStdNames, FencesAreAcceptedAndFetchSubCounts) {
  const auto result = explore_for(200, [] {
    sync::atomic<int> left(2);
    sync::shared<int> data(0);
    sync::thread writer([&] {
      data = 1;
      sync::atomic_thread_fence(sync::memory_order_release);
      left.fetch_sub(1, sync::memory_order_relaxed);
    });
    left.fetch_sub(1);
    while (left.load(sync::memory_order_relaxed) != 0) sync::this_thread::yield();
    sync::atomic_thread_fence(sync::memory_order_acquire);
    check(data == 1, "the write before the release fence is not seen");
    writer.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
