// The std-written blocking queue, explored under interleave.
#include <gtest/gtest.h>

#include "std_class_checks.hpp"

TEST(BlockingQueue, NotifyAllIsClean) {
  auto result = shop::explore_class(shop::producers_and_consumers<shop::BlockingQueue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}

TEST(BlockingQueue, NotifyOneWakesTheWrongWaiterAndDeadlocks) {
  auto result = shop::explore_class(shop::producers_and_consumers<shop::NotifyOneQueue<int>>);
  EXPECT_EQ(result.verdict, interleave::Verdict::deadlock) << result;
}

// What a failing check prints: run with --gtest_also_run_disabled_tests.
TEST(BlockingQueue, DISABLED_NotifyOneShownFailing) {
  auto result = shop::explore_class(shop::producers_and_consumers<shop::NotifyOneQueue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}
