// Primitives made before explore() (a fixture's members, globals) bind to
// each run at their first use in it: every schedule starts them fresh, and
// using one where no run is going on is an error that names it.

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace {

// Made before main(), as a program's globals are.
interleave::sync::mutex global_lock;
interleave::sync::shared<int> global_count;
constexpr int kGlobalCountLine = __LINE__ - 1;
interleave::sync::once_flag global_once;
interleave::Mutex old_global_lock("old_global_lock");

}  // namespace

namespace interleave {
namespace {

ExploreResult explore_for(std::uint64_t schedules, const std::function<void()>& body,
                          EngineKind engine = EngineKind::fiber) {
  ExploreOptions options;
  options.schedules = schedules;
  options.engine = engine;
  return explore(options, body);
}

std::string message_of(const std::function<void()>& use) {
  try {
    use();
  } catch (const std::logic_error& error) {
    return error.what();
  }
  return "(no error)";
}

// Two workers add to `count`, under `lock` or not.
template <class Lock, class Count>
void add_twice(Lock& lock, Count& count, bool locked) {
  count = 0;  // the value is the program's, as a global int's would be: no run resets it
  std::vector<sync::thread> workers;
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&] {
      if (locked) lock.lock();
      count += 1;
      if (locked) lock.unlock();
    });
  for (auto& worker : workers) worker.join();
  check(count == 2, "lost increment");
}

class AFixture : public ::testing::Test {
 protected:
  sync::mutex lock_;
  sync::shared<int> count_;
  sync::atomic<int> hits_;
};

TEST_F(AFixture, MembersBindToEveryExploreTheyAreUsedIn) {
  for (int round = 0; round < 3; ++round) {
    const auto locked = explore_for(300, [this] { add_twice(lock_, count_, true); });
    EXPECT_TRUE(locked.clean()) << "round " << round << ": " << locked;
    const auto unlocked = explore_for(300, [this] { add_twice(lock_, count_, false); });
    EXPECT_EQ(unlocked.verdict, Verdict::race) << "round " << round << ": " << unlocked;
  }
  const auto atomic_hits = explore_for(300, [this] {
    hits_ = 0;
    sync::thread a([this] { hits_.fetch_add(1); });
    sync::thread b([this] { hits_.fetch_add(1); });
    a.join();
    b.join();
    check(hits_ == 2, "lost hit");
  });
  EXPECT_TRUE(atomic_hits.clean()) << atomic_hits;
}

TEST_F(AFixture, MembersBindToTheThreadsEngineToo) {
  for (int round = 0; round < 2; ++round) {
    const auto result = explore_for(50, [this] { add_twice(lock_, count_, true); }, EngineKind::threads);
    EXPECT_TRUE(result.clean()) << "round " << round << ": " << result;
  }
}

// A schedule that ends with the mutex held (a failed check while holding
// it, or a body that never unlocks) leaves nothing to the next: its owner
// belongs to the run that took it.
TEST_F(AFixture, AMutexHeldWhenAScheduleEndsIsFreeInTheNext) {
  const auto failed = explore_for(1, [this] {
    lock_.lock();
    check(false, "fails while holding the lock");
  });
  EXPECT_EQ(failed.verdict, Verdict::invariant) << failed;
  const auto next = explore_for(50, [this] {
    lock_.lock();  // never unlocked: had the last schedule's owner stayed, this would deadlock
  });
  EXPECT_TRUE(next.clean()) << next;
  EXPECT_EQ(next.schedules, 50u);
}

TEST(Globals, AGlobalMutexAndSharedAreBoundPerRunAndNamedByTheirLine) {
  const auto locked = explore_for(300, [] { add_twice(global_lock, global_count, true); });
  EXPECT_TRUE(locked.clean()) << locked;
  const auto unlocked = explore_for(300, [] { add_twice(global_lock, global_count, false); });
  ASSERT_EQ(unlocked.verdict, Verdict::race) << unlocked;
  const std::string name = "shared@sync_binding_test.cpp:" + std::to_string(kGlobalCountLine);
  EXPECT_NE(unlocked.message.find("'" + name + "'"), std::string::npos) << unlocked.message;
}

TEST(Globals, AnOldStyleGlobalMutexIsBoundPerRun) {
  const auto result = explore_for(100, [] {
    Shared<int> count(0, "count");
    auto add = [&] {
      ScopedLock hold(old_global_lock);
      count.write(count.read() + 1);
    };
    Task a = spawn(add), b = spawn(add);
    a.join();
    b.join();
    check(count.read() == 2, "lost increment");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Every schedule is a fresh start of the program: a global once_flag lets
// call_once run once in each.
TEST(Globals, AGlobalOnceFlagRunsOncePerSchedule) {
  std::atomic<int> calls{0};
  const auto result = explore_for(40, [&] {
    sync::thread a([&] { sync::call_once(global_once, [&] { ++calls; }); });
    sync::call_once(global_once, [&] { ++calls; });
    a.join();
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(calls.load(), static_cast<int>(result.schedules));
}

TEST(Globals, ALatchMadeBeforeExploreStartsEveryScheduleAtItsCount) {
  sync::latch done(2);
  const auto result = explore_for(40, [&] {
    sync::shared<int> slot;
    sync::thread worker([&] {
      slot = 1;
      done.count_down();
    });
    done.count_down();
    done.wait();  // were the count carried over, later schedules would not wait for the worker
    check(slot == 1, "read before the worker wrote");
    worker.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(OutsideExplore, UsingAPrimitiveNamesItItsLineAndTheFix) {
  const std::string advice =
      " used outside interleave::explore(); create it inside the explored body or call it only from tasks";
  sync::mutex lock;
  const int lock_line = __LINE__ - 1;
  EXPECT_EQ(message_of([&] { lock.lock(); }),
            "interleave: mutex@sync_binding_test.cpp:" + std::to_string(lock_line) + advice);
  sync::atomic<int> counter;
  const int counter_line = __LINE__ - 1;
  EXPECT_EQ(message_of([&] { counter.fetch_add(1); }),
            "interleave: atomic@sync_binding_test.cpp:" + std::to_string(counter_line) + advice);
  sync::shared<int> value;
  value.named("value");
  const int value_line = __LINE__ - 2;
  EXPECT_EQ(message_of([&] { value = 1; }),
            "interleave: shared 'value' (made at sync_binding_test.cpp:" + std::to_string(value_line) + ")" + advice);
  Mutex old("old");
  const int old_line = __LINE__ - 1;
  EXPECT_EQ(message_of([&] { old.lock(); }),
            "interleave: mutex 'old' (made at sync_binding_test.cpp:" + std::to_string(old_line) + ")" + advice);
}

TEST(OutsideExplore, MakingOneIsFineAndSoIsUsingItInARunAfterwards) {
  sync::condition_variable ready;
  sync::mutex lock;
  EXPECT_NE(message_of([&] { lock.try_lock(); }).find("mutex@"), std::string::npos);
  const auto result = explore_for(20, [&] {
    bool set = false;
    sync::thread waiter([&] {
      sync::unique_lock<sync::mutex> hold(lock);
      ready.wait(hold, [&] { return set; });
    });
    {
      sync::lock_guard<sync::mutex> hold(lock);
      set = true;
    }
    ready.notify_one();
    waiter.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
