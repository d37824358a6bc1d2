// The std-written lazy value, explored under interleave.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <interleave/gtest.hpp>

#include "std_class_checks.hpp"

TEST(LazyValue, AtomicFlagCheckedAgainUnderTheLockIsClean) {
  auto result = shop::explore_class(shop::two_first_callers<shop::LazyValue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}

TEST(LazyValue, PlainFlagLetsTwoFirstCallersBothBuild) {
  auto result = shop::explore_class(shop::two_first_callers<shop::PlainFlagLazyValue<int>>);
  EXPECT_EQ(result.verdict, interleave::Verdict::invariant) << result;
  EXPECT_NE(result.message.find("built more than once"), std::string::npos) << result;
}

// What a failing check prints: run with --gtest_also_run_disabled_tests.
TEST(LazyValue, DISABLED_PlainFlagShownFailing) {
  auto result = shop::explore_class(shop::two_first_callers<shop::PlainFlagLazyValue<int>>);
  EXPECT_TRUE(result.clean()) << result;
}

// The same check as a GoogleTest assertion inside the explored body
// (interleave/gtest.hpp): a failing schedule's verdict, one test failure.
namespace {

template <class Lazy>
void two_first_callers_expecting_one_build() {
  shop::sync::atomic<int> builds{0};
  Lazy lazy([&] {
    builds.fetch_add(1);
    return 42;
  });
  {
    shop::sync::jthread a([&] { lazy.get(); });
    shop::sync::jthread b([&] { lazy.get(); });
  }
  EXPECT_EQ(builds.load(), 1) << "the value was built more than once";
}

interleave::ExploreResult found;
void explore_plain_flag() {
  found = shop::explore_class(two_first_callers_expecting_one_build<shop::PlainFlagLazyValue<int>>);
}

}  // namespace

TEST(LazyValue, AnExpectInsideTheBodyIsTheVerdict) {
  EXPECT_NONFATAL_FAILURE(explore_plain_flag(), "the value was built more than once");
  EXPECT_EQ(found.verdict, interleave::Verdict::invariant) << found;
  auto clean = shop::explore_class(two_first_callers_expecting_one_build<shop::LazyValue<int>>);
  EXPECT_TRUE(clean.clean()) << clean;
}

// What the one failure prints: run with --gtest_also_run_disabled_tests.
TEST(LazyValue, DISABLED_AnExpectInsideTheBodyShownFailing) {
  shop::explore_class(two_first_callers_expecting_one_build<shop::PlainFlagLazyValue<int>>);
}
