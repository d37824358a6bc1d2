// The std-written lazy value, explored under interleave.
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

TEST(LazyValue, AtomicFlagCheckedAgainUnderTheLockIsClean) {
  auto result = explore(shop::two_first_callers<shop::LazyValue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}

TEST(LazyValue, PlainFlagLetsTwoFirstCallersBothBuild) {
  auto result = explore(shop::two_first_callers<shop::PlainFlagLazyValue<int>>);
  EXPECT_EQ(result.verdict, interleave::Verdict::invariant) << result;
  EXPECT_NE(result.message.find("built more than once"), std::string::npos) << result;
}

// What a failing check prints: run with --gtest_also_run_disabled_tests.
TEST(LazyValue, DISABLED_PlainFlagShownFailing) {
  auto result = explore(shop::two_first_callers<shop::PlainFlagLazyValue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}
