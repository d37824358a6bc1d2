// The std-written blocking queue, explored under interleave.
#include <gtest/gtest.h>

#include "std_class_checks.hpp"

namespace {

// 5,000 schedules of the default strategy (INTERLEAVE_* variables override them).
interleave::ExploreResult explore(void (*body)()) {
  interleave::ExploreOptions options;
  options.schedules = 5'000;
  return interleave::explore(options, body);
}

}  // namespace

TEST(BlockingQueue, NotifyAllIsClean) {
  auto result = explore(shop::producers_and_consumers<shop::BlockingQueue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}

TEST(BlockingQueue, NotifyOneWakesTheWrongWaiterAndDeadlocks) {
  auto result = explore(shop::producers_and_consumers<shop::NotifyOneQueue<int>>);
  EXPECT_EQ(result.verdict, interleave::Verdict::deadlock) << result;
}

// What a failing check prints: run with --gtest_also_run_disabled_tests.
TEST(BlockingQueue, DISABLED_NotifyOneShownFailing) {
  auto result = explore(shop::producers_and_consumers<shop::NotifyOneQueue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}
