// Partial Order Sampling (`pos`): parsed, deterministic per seed, replayable
// from the command line, and finding what it is for.

#include <gtest/gtest.h>

#include <regex>

#include "cli_runner.hpp"
#include "hard_programs/hard_programs.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

ExploreResult explore_pos(const std::function<void()>& body, std::uint64_t schedules, std::uint64_t seed = 1) {
  ExploreOptions options;
  options.strategy = pos();
  options.schedules = schedules;
  options.seed = seed;
  return explore(options, body);
}

TEST(Pos, IsParsedAndNamed) {
  auto parsed = parse_strategy("pos");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->kind, Strategy::Kind::pos);
  EXPECT_EQ(to_string(*parsed), "pos");
  EXPECT_FALSE(parse_strategy("pos:2")) << "pos takes no parameter";
}

TEST(Pos, TheSameSeedGivesTheSameSchedules) {
  const auto& deque = hard_programs::named("work_stealing_last_item");
  auto first = explore_pos(deque.broken, 10'000, 7);
  auto second = explore_pos(deque.broken, 10'000, 7);
  ASSERT_EQ(first.verdict, Verdict::invariant) << first;
  EXPECT_EQ(first.schedules, second.schedules);
  EXPECT_EQ(first.failing_schedule, second.failing_schedule);
}

// The owner's last-item race needs three preemptions in two tasks, which
// PCT of depth 3 cannot give; POS finds it in a few hundred schedules.
TEST(Pos, FindsTheWorkStealingRaceThatPctOfDepthThreeCannot) {
  const auto& deque = hard_programs::named("work_stealing_last_item");
  auto result = explore_pos(deque.broken, 1'000);
  EXPECT_EQ(result.verdict, Verdict::invariant) << result;
  ExploreOptions options;
  options.strategy = pct(3);
  options.schedules = 10'000;
  EXPECT_TRUE(explore(options, deque.broken).clean());
}

TEST(Pos, RunsFromTheCommandLineAndItsTokenReplays) {
  auto found = cli::testing::run({"run", "counter/atomic_load_store", "--strategy", "pos", "--no-isolate"});
  EXPECT_EQ(found.exit_code, 0) << found.out << found.err;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(found.out, token, std::regex("il2:counter/atomic_load_store:fiber:pos:[^ \n]+")))
      << found.out;
  const std::string replayed_token = token.str();
  auto replayed = cli::testing::run({"replay", replayed_token.c_str()});
  EXPECT_EQ(replayed.exit_code, 0) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("reproduced"), std::string::npos) << replayed.out;
}

TEST(Pos, HelpNamesIt) {
  auto help = cli::testing::run({"run", "--help"});
  EXPECT_NE(help.out.find("pos"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace interleave
