// lincheck::check on objects built from interleave's primitives: correct
// ones are linearizable in every schedule explored, broken ones are found
// with the history that shows it.

#include "interleave/lincheck.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "interleave/interleave.hpp"
#include "models.hpp"
#include "queues.hpp"

namespace interleave::testing {
namespace {

bool contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

struct AtomicCounter {
  Atomic<int> value{0, "value"};
  int increment() { return value.fetch_add(1); }
};

// Reads, then writes: two increments at once may both give 0.
struct LoadStoreCounter {
  Atomic<int> value{0, "value"};
  int increment() {
    const int seen = value.load();
    value.store(seen + 1);
    return seen;
  }
};

template <class Counter>
lincheck::Result<CounterModel> check_counter(std::uint64_t schedules) {
  ExploreOptions options;
  options.schedules = schedules;
  const lincheck::Script<CounterModel> two_increments{{}, {}};
  return lincheck::check(
      options, CounterModel{}, {two_increments, two_increments}, [] { return std::make_unique<Counter>(); },
      [](Counter& counter, const CounterModel::Input&) { return counter.increment(); });
}

TEST(Lincheck, AnAtomicIncrementIsLinearizable) {
  const auto result = check_counter<AtomicCounter>(2'000);
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_GE(result.histories_checked, result.exploration.schedules);
}

TEST(Lincheck, ALoadThenStoreIncrementIsNot) {
  const auto result = check_counter<LoadStoreCounter>(2'000);
  ASSERT_EQ(result.exploration.verdict, Verdict::not_linearizable) << result;
  EXPECT_TRUE(contains(result.exploration.details, "increment()")) << result;
  // Two increments gave the same value: the history shows it.
  std::set<int> values;
  int returned = 0;
  for (const auto& operation : result.history)
    if (operation.output) {
      values.insert(*operation.output);
      ++returned;
    }
  EXPECT_LT(values.size(), static_cast<std::size_t>(returned)) << result;
}

template <class Queue>
lincheck::Result<QueueModel> check_queue(const std::vector<lincheck::Script<QueueModel>>& scripts,
                                         int spurious_wakeups = 1) {
  ExploreOptions options;
  options.schedules = 2'000;
  options.spurious_wakeups = spurious_wakeups;
  return lincheck::check(
      options, QueueModel{}, scripts, [] { return std::make_unique<Queue>(); }, apply_to_queue<Queue>);
}

const QueueModel::Input push1{true, 1}, push2{true, 2}, pop{false, 0};

TEST(Lincheck, ABlockingQueueIsLinearizable) {
  const auto result = check_queue<BlockingQueue>({{push1, push2}, {pop, pop}});
  EXPECT_TRUE(result.exploration.clean()) << result;
}

TEST(Lincheck, APopLeftWaitingOnAnEmptyQueueIsNoFinding) {
  // One item, two pops: one pop waits forever in every schedule, as the
  // model says it must; the deadlock that ends the schedule is no bug.
  const auto result = check_queue<BlockingQueue>({{push1}, {pop}, {pop}});
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_GT(result.histories_checked, 0u);
}

TEST(Lincheck, ALostWakeupIsNotLinearizable) {
  // No spurious wakeups: the pop that wakes with nothing is another finding.
  const auto result = check_queue<LostWakeupQueue>({{push1}, {pop}}, 0);
  ASSERT_EQ(result.exploration.verdict, Verdict::not_linearizable) << result;
  EXPECT_TRUE(contains(result.exploration.details, "pop() never returns")) << result;
  EXPECT_FALSE(result.exploration.events.empty()) << "the failing schedule's timeline was recorded";
}

TEST(Lincheck, APopWokenWithNothingThereIsNotLinearizable) {
  const auto result = check_queue<LostWakeupQueue>({{push1}, {pop}});
  ASSERT_EQ(result.exploration.verdict, Verdict::not_linearizable) << result;
}

}  // namespace
}  // namespace interleave::testing
