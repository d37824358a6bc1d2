// GoogleTest assertions inside an explored body (interleave/gtest.hpp): a
// failed EXPECT_* or ASSERT_* in a task is that schedule's verdict, and the
// whole exploration gives the test one failure, at the assertion's line,
// with the report; a body whose assertions hold gives none.

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include "interleave/gtest.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

ExploreOptions fiber_options() {
  ExploreOptions options;
  options.schedules = 2000;
  options.environment_overrides = false;
  return options;
}

int expect_line = 0;

// Two tasks add one each, reading and writing in two critical sections: a
// lost update in some schedules, which the EXPECT_EQ sees.
void split_increment_checked_by_expect() {
  Mutex lock("lock");
  Shared<int> count(0, "count");
  auto add = [&] {
    int seen = 0;
    {
      ScopedLock hold(lock);
      seen = count.read();
    }
    ScopedLock hold(lock);
    count.write(seen + 1);
  };
  auto a = spawn(add, "a");
  auto b = spawn(add, "b");
  a.join();
  b.join();
  expect_line = __LINE__ + 1;
  EXPECT_EQ(count.read(), 2) << "lost update";
}

// The same increment in one critical section: the EXPECT_EQ always holds.
void whole_increment_checked_by_expect() {
  Mutex lock("lock");
  Shared<int> count(0, "count");
  auto add = [&] {
    ScopedLock hold(lock);
    count.write(count.read() + 1);
  };
  auto a = spawn(add, "a");
  auto b = spawn(add, "b");
  a.join();
  b.join();
  EXPECT_EQ(count.read(), 2);
}

int assert_line = 0;
bool went_on_after_failed_assert = false;

// A task that sees the other's flag already set fails an ASSERT, which
// returns from the task.
void first_flag_checked_by_assert() {
  Atomic<bool> flag(false, "flag");
  auto a = spawn([&] { flag.store(true); }, "a");
  auto b = spawn(
      [&] {
        const bool a_ran_first = flag.load();
        assert_line = __LINE__ + 1;
        ASSERT_FALSE(a_ran_first) << "a ran first";
        if (a_ran_first) went_on_after_failed_assert = true;
      },
      "b");
  a.join();
  b.join();
}

ExploreResult found;

void explore_split_increment() { found = explore(fiber_options(), split_increment_checked_by_expect); }
void explore_first_flag() { found = explore(fiber_options(), first_flag_checked_by_assert); }
ExploreResult replayed;
void replay_found() { replayed = replay_token(found.replay_token, split_increment_checked_by_expect); }

void explore_on_threads() {
  ExploreOptions options = fiber_options();
  options.engine = EngineKind::threads;
  options.schedules = 50;
  found = explore(options, [] { spawn([] { EXPECT_EQ(1 + 1, 3) << "always"; }, "adder").join(); });
}

TEST(GtestAssertions, AFailedExpectInATaskIsTheVerdictAndTheTestsOneFailure) {
  // Exactly one failure, though the shrinker replays the failing schedule
  // many times, each failing the EXPECT again.
  EXPECT_NONFATAL_FAILURE(explore_split_increment(), "an assertion failed inside interleave::explore()");
  EXPECT_EQ(found.verdict, Verdict::invariant);
  EXPECT_NE(found.message.find("assertion failed: Expected equality of these values:"), std::string::npos)
      << found.message;
  EXPECT_NE(found.message.find("lost update"), std::string::npos) << found.message;
  EXPECT_NE(found.message.find("gtest_assertions_test.cpp:" + std::to_string(expect_line)), std::string::npos)
      << found.message;
  EXPECT_EQ(found.message.find('\n'), std::string::npos) << "one line: " << found.message;
  EXPECT_EQ(found.preemptions, 1);
  EXPECT_FALSE(found.replay_token.empty());
}

TEST(GtestAssertions, TheOneFailureCarriesTheReportAtTheAssertionsLine) {
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter intercept(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    explore_split_increment();
  }
  ASSERT_EQ(failures.size(), 1);
  const ::testing::TestPartResult& failure = failures.GetTestPartResult(0);
  EXPECT_EQ(failure.line_number(), expect_line);
  const std::string text = failure.message();
  EXPECT_NE(text.find("interleaving"), std::string::npos) << text;
  EXPECT_NE(text.find(found.replay_token), std::string::npos) << text;
}

TEST(GtestAssertions, HoldingAssertionsLeaveTheExplorationClean) {
  const ExploreResult result = explore(fiber_options(), whole_increment_checked_by_expect);
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(result.schedules, 2000u);
}

TEST(GtestAssertions, AFailedAssertEndsItsTaskAndIsTheVerdict) {
  went_on_after_failed_assert = false;
  EXPECT_NONFATAL_FAILURE(explore_first_flag(), "a ran first");
  EXPECT_EQ(found.verdict, Verdict::invariant);
  EXPECT_NE(found.message.find("gtest_assertions_test.cpp:" + std::to_string(assert_line)), std::string::npos)
      << found.message;
  EXPECT_NE(found.message.find("in b at"), std::string::npos) << found.message;
  EXPECT_FALSE(went_on_after_failed_assert);
}

TEST(GtestAssertions, ATokenReplaysTheFailedExpect) {
  EXPECT_NONFATAL_FAILURE(explore_split_increment(), "lost update");
  ASSERT_FALSE(found.replay_token.empty());
  EXPECT_NONFATAL_FAILURE(replay_found(), "lost update");
  EXPECT_EQ(replayed.verdict, Verdict::invariant);
  EXPECT_FALSE(replayed.diverged);
}

TEST(GtestAssertions, AFailedExpectOnTheThreadsEngineIsTheVerdict) {
  EXPECT_NONFATAL_FAILURE(explore_on_threads(), "always");
  EXPECT_EQ(found.verdict, Verdict::invariant);
  EXPECT_NE(found.message.find("assertion failed"), std::string::npos) << found.message;
  EXPECT_EQ(found.schedules, 1u);
}

}  // namespace
}  // namespace interleave
