// What a GoogleTest user gets from explore(): a failure printed as the CLI
// prints it (timeline, strategy, replay token), replay_token() to run that
// schedule again, and INTERLEAVE_* environment variables that override the
// options of every explore(), so that a token pasted from a CI log replays
// in a local run of the same test binary.

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cli_runner.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

// Sets an environment variable for one test's scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

// Two tasks add to one counter, each under a lock but read and written in
// two critical sections: no race, and a lost update in some schedules.
void split_increment() {
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
  check(count.read() == 2, "lost update");
}

void one_task() {
  Shared<int> count(0, "count");
  spawn([&] { count.write(1); }, "a").join();
}

std::string printed(const ExploreResult& result) {
  std::ostringstream out;
  out << result;
  return out.str();
}

TEST(GtestReports, AFailurePrintsItsTimelineStrategyAndReplayToken) {
  const ExploreResult result = explore(ExploreOptions{}, split_increment);
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
  const std::string text = printed(result);
  EXPECT_NE(text.find("invariant after"), std::string::npos) << text;
  EXPECT_NE(text.find("(portfolio)"), std::string::npos) << text;
  EXPECT_NE(text.find("lost update"), std::string::npos) << text;
  EXPECT_NE(text.find("interleaving: 1 preemption"), std::string::npos) << text;
  EXPECT_NE(text.find("| a "), std::string::npos) << "the timeline has a column for task a:\n" << text;
  EXPECT_NE(text.find("gtest_reports_test.cpp:"), std::string::npos) << "events point at this file:\n" << text;
  EXPECT_NE(text.find("replay: INTERLEAVE_REPLAY='il2:explore/body:fiber:portfolio:"), std::string::npos) << text;
  EXPECT_EQ(result.replay_token.rfind("il2:", 0), 0u) << result.replay_token;
}

TEST(GtestReports, ACleanResultIsOneLine) {
  const ExploreResult result = explore(ExploreOptions{}, one_task);
  ASSERT_TRUE(result.clean()) << result;
  EXPECT_EQ(printed(result), "clean after 10000 schedules (portfolio)");
  EXPECT_TRUE(result.replay_token.empty());
}

TEST(GtestReports, AReplayTokenRunsTheSameScheduleAgain) {
  const ExploreResult found = explore(ExploreOptions{}, split_increment);
  ASSERT_FALSE(found.replay_token.empty()) << found;
  const ExploreResult again = replay_token(found.replay_token, split_increment);
  EXPECT_EQ(again.verdict, found.verdict) << again;
  EXPECT_EQ(again.schedules, 1u);
  EXPECT_FALSE(again.diverged) << again;
  EXPECT_EQ(again.failing_schedule, found.failing_schedule);
  EXPECT_EQ(again.strategy.rfind("replay", 0), 0u) << again.strategy;
}

TEST(GtestReports, InterleaveReplayReplaysInAnyExplore) {
  const ExploreResult found = explore(ExploreOptions{}, split_increment);
  ASSERT_FALSE(found.replay_token.empty()) << found;
  ScopedEnv replay("INTERLEAVE_REPLAY", found.replay_token);
  ExploreOptions options;
  options.schedules = 123;
  const ExploreResult again = explore(options, split_increment);
  EXPECT_EQ(again.verdict, Verdict::invariant) << again;
  EXPECT_EQ(again.schedules, 1u) << "the token's one schedule, not the test's 123";
  EXPECT_FALSE(again.diverged) << again;
  EXPECT_EQ(again.failing_schedule, found.failing_schedule);
}

TEST(GtestReports, InterleaveSchedulesSeedAndStrategyOverrideTheOptions) {
  {
    ScopedEnv schedules("INTERLEAVE_SCHEDULES", "7");
    ScopedEnv strategy("INTERLEAVE_STRATEGY", "pct:2");
    const ExploreResult clean = explore(ExploreOptions{}, one_task);
    EXPECT_EQ(clean.schedules, 7u);
    EXPECT_EQ(clean.strategy, "pct:2");
  }
  ScopedEnv seed("INTERLEAVE_SEED", "40");
  const ExploreResult failed = explore(ExploreOptions{}, split_increment);
  ASSERT_TRUE(failed.failing_seed) << failed;
  EXPECT_EQ(*failed.failing_seed, 40 + failed.schedules - 1) << "schedule i runs with seed 40 + i";
}

TEST(GtestReports, OverridesCanBeTurnedOff) {
  ScopedEnv schedules("INTERLEAVE_SCHEDULES", "7");
  ExploreOptions options;
  options.schedules = 20;
  options.environment_overrides = false;
  EXPECT_EQ(explore(options, one_task).schedules, 20u);
}

TEST(GtestReports, ABadEnvironmentValueIsNamedInTheError) {
  auto error_of = [](const char* name, const char* value) -> std::string {
    ScopedEnv set(name, value);
    try {
      explore(ExploreOptions{}, one_task);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("INTERLEAVE_SCHEDULES", "many"),
            "INTERLEAVE_SCHEDULES='many': expected a whole number of at least 1");
  EXPECT_EQ(error_of("INTERLEAVE_SCHEDULES", "0"), "INTERLEAVE_SCHEDULES='0': expected a whole number of at least 1");
  EXPECT_EQ(error_of("INTERLEAVE_SEED", "-1"), "INTERLEAVE_SEED='-1': expected a whole number of at least 0");
  EXPECT_NE(error_of("INTERLEAVE_STRATEGY", "fastest").find("INTERLEAVE_STRATEGY='fastest': not a strategy"),
            std::string::npos);
  EXPECT_NE(error_of("INTERLEAVE_REPLAY", "il2:garbage").find("INTERLEAVE_REPLAY: "), std::string::npos);
}

// The CLI's flags say what to run; the variables are for tests.
TEST(GtestReports, TheCliIgnoresTheVariables) {
  ScopedEnv schedules("INTERLEAVE_SCHEDULES", "3");
  const auto ran = cli::testing::run({"run", "counter/locked", "--schedules", "20", "--no-isolate"});
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_NE(ran.out.find(" 20 "), std::string::npos) << ran.out;
}

}  // namespace
}  // namespace interleave
