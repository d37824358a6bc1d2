// interleave::sync values in containers: every type is default-constructible
// and movable until its first use in a run; several made at one line are
// told apart by their index in construction order ("shared@x.cpp:12[2]"),
// those a std::vector makes by kind ("mutex[3]"), and named() names any.

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <type_traits>
#include <vector>

#include "explore_for.hpp"
#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace interleave {
namespace {

template <class T>
constexpr bool container_ready = std::is_default_constructible_v<T> && std::is_move_constructible_v<T>;
static_assert(container_ready<sync::mutex> && container_ready<sync::timed_mutex> &&
              container_ready<sync::shared_mutex>);
static_assert(container_ready<sync::condition_variable> && container_ready<sync::condition_variable_any>);
static_assert(container_ready<sync::once_flag> && container_ready<sync::atomic_flag>);
static_assert(container_ready<sync::atomic<int>> && container_ready<sync::shared<int>>);
static_assert(container_ready<Mutex> && container_ready<CondVar> && container_ready<Shared<int>> &&
              container_ready<Atomic<int>>);
static_assert(std::is_move_constructible_v<sync::counting_semaphore<4>> && std::is_move_constructible_v<sync::latch>);

using test_support::all_text;
using test_support::explore_for;

// Each worker writes its own slot; with `overlap`, worker 1 writes slot 2 too.
ExploreResult slots_in_an_array(bool overlap, int& line) {
  return explore_for(500, [overlap, &line] {
    std::array<sync::shared<int>, 4> slots{};
    line = __LINE__ - 1;
    std::vector<sync::thread> workers;
    for (int w = 0; w < 4; ++w)
      workers.emplace_back([&slots, w, overlap] {
        slots[w] = w;
        if (overlap && w == 1) slots[2] = 7;
      });
    for (auto& worker : workers) worker.join();
  });
}

TEST(SyncInContainers, AnArraysElementIsNamedByItsLineAndIndex) {
  int line = 0;
  const auto disjoint = slots_in_an_array(false, line);
  EXPECT_TRUE(disjoint.clean()) << disjoint;
  const auto overlapping = slots_in_an_array(true, line);
  ASSERT_EQ(overlapping.verdict, Verdict::race) << overlapping;
  const std::string name = "'shared@sync_names_test.cpp:" + std::to_string(line) + "[2]'";
  EXPECT_NE(overlapping.message.find(name), std::string::npos) << overlapping.message;
}

TEST(SyncInContainers, ACArrayOfAtomicsCountsWithoutLoss) {
  const auto result = explore_for(300, [] {
    sync::atomic<int> hits[3];
    std::vector<sync::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&hits] {
        for (auto& hit : hits) ++hit;
      });
    for (auto& worker : workers) worker.join();
    for (auto& hit : hits) check(hit == 2, "lost hit");
  });
  EXPECT_TRUE(result.clean()) << result;
}

// Philosophers take the fork on their left, then the one on their right;
// with `ordered`, the lower-numbered fork first.
void dine(std::vector<sync::mutex>& forks, bool ordered) {
  const int n = static_cast<int>(forks.size());
  std::vector<sync::thread> philosophers;
  for (int p = 0; p < n; ++p)
    philosophers.emplace_back([&forks, p, n, ordered] {
      int first = p, second = (p + 1) % n;
      if (ordered && first > second) std::swap(first, second);
      sync::lock_guard<sync::mutex> left(forks[first]);
      sync::lock_guard<sync::mutex> right(forks[second]);
    });
  for (auto& philosopher : philosophers) philosopher.join();
}

TEST(SyncInContainers, AVectorOfMutexesDeadlocksWithTheForksNamesAndOrderedIsClean) {
  const auto named = explore_for(2'000, [] {
    std::vector<sync::mutex> forks(3);
    for (std::size_t i = 0; i < forks.size(); ++i) forks[i].named("forks[" + std::to_string(i) + "]");
    dine(forks, false);
  });
  ASSERT_TRUE(named.verdict == Verdict::deadlock || named.verdict == Verdict::lock_order_inversion) << named;
  EXPECT_NE(all_text(named).find("'forks["), std::string::npos) << all_text(named);

  const auto ordered = explore_for(2'000, [] {
    std::vector<sync::mutex> forks(3);
    dine(forks, true);
  });
  EXPECT_TRUE(ordered.clean()) << ordered;
}

// A std::vector makes its elements in a standard header: they are named
// by kind and index, not by a line of the header.
TEST(SyncInContainers, ElementsAVectorMakesAreNamedByKindAndIndex) {
  const auto result = explore_for(2'000, [] {
    std::vector<sync::mutex> forks(3);
    dine(forks, false);
  });
  ASSERT_NE(result.verdict, Verdict::clean) << result;
  const std::string text = all_text(result);
  EXPECT_NE(text.find("'mutex["), std::string::npos) << text;
  EXPECT_EQ(text.find(".h:"), std::string::npos) << text;
  EXPECT_EQ(text.find("stl_"), std::string::npos) << text;
}

TEST(SyncInContainers, EmplaceBackBeforeTheFirstUseIsFine) {
  const auto result = explore_for(300, [] {
    std::vector<sync::mutex> locks;
    std::vector<sync::shared<int>> counts;
    for (int i = 0; i < 3; ++i) {
      locks.emplace_back();
      counts.emplace_back(0);
    }
    std::vector<sync::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&] {
        for (std::size_t i = 0; i < locks.size(); ++i) {
          sync::lock_guard<sync::mutex> hold(locks[i]);
          counts[i] += 1;
        }
      });
    for (auto& worker : workers) worker.join();
    for (auto& count : counts) check(count == 2, "lost increment");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(SyncInContainers, MovingAMutexAfterItsFirstUseIsACrashThatNamesIt) {
  const auto result = explore_for(1, [] {
    std::vector<sync::mutex> locks;
    locks.reserve(1);
    locks.emplace_back().named("first");
    locks[0].lock();
    locks[0].unlock();
    locks.emplace_back();  // grows: moves "first"
  });
  ASSERT_EQ(result.verdict, Verdict::crash) << result;
  EXPECT_NE(result.message.find("mutex 'first'"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("moved while this run uses it"), std::string::npos) << result.message;
}

TEST(SyncInContainers, MovingASharedAfterItsFirstUseIsACrash) {
  const auto result = explore_for(1, [] {
    std::vector<sync::shared<int>> values(1);
    values[0] = 1;
    values.emplace_back(2);  // grows: moves values[0]
  });
  ASSERT_EQ(result.verdict, Verdict::crash) << result;
  EXPECT_NE(result.message.find("shared[0] was moved"), std::string::npos) << result.message;
}

}  // namespace
}  // namespace interleave
