// A race, then its consequence: when the race detector reports a race, the
// harness explores again with plain accesses as scheduling points and shows
// the failure the race leads to, so one run gives both the race's source
// lines and the lost update.

#include <gtest/gtest.h>

#include <regex>

#include "cli_runner.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

// Two tasks add to one plain counter without a lock; the check sees the lost update.
void racy_counter() {
  Shared<int> count(0, "count");
  auto add = [&] { count.write(count.read() + 1); };
  auto a = spawn(add, "a");
  auto b = spawn(add, "b");
  a.join();
  b.join();
  check(count.read() == 2, "lost update");
}

// The same race with nothing that depends on it: both write the same value.
void benign_race() {
  Shared<int> flag(0, "flag");
  auto set = [&] { flag.write(1); };
  auto a = spawn(set, "a");
  auto b = spawn(set, "b");
  a.join();
  b.join();
  check(flag.read() == 1, "flag set");
}

TEST(RaceConsequence, ARaceIsShownWithTheLostUpdateItLeadsTo) {
  const ExploreResult result = explore(ExploreOptions{}, racy_counter);
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  ASSERT_TRUE(result.race_consequence.has_value()) << result;
  EXPECT_EQ(result.race_consequence->verdict, Verdict::invariant);
  EXPECT_NE(result.race_consequence->message.find("lost update"), std::string::npos)
      << result.race_consequence->message;
}

TEST(RaceConsequence, ARaceWithNoFailureBehindItShowsNone) {
  const ExploreResult result = explore(ExploreOptions{}, benign_race);
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  EXPECT_FALSE(result.race_consequence.has_value());
}

TEST(RaceConsequence, CanBeTurnedOff) {
  ExploreOptions options;
  options.show_race_consequence = false;
  const ExploreResult result = explore(options, racy_counter);
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  EXPECT_FALSE(result.race_consequence.has_value());
}

TEST(RaceConsequence, OneRunOfTheCliShowsTheRaceLinesAndTheLostUpdateAndItsTokenReplays) {
  const auto found = cli::testing::run({"run", "counter/unsynchronized"});
  EXPECT_NE(found.out.find("race: on 'count'"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("counter.cpp:32"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("the race leads to: invariant: lost update"), std::string::npos) << found.out;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(found.out, token,
                                // The line may wrap once at the terminal's width.
                                std::regex("race leads to:[^\n]*\n(?:(?![^\n]*reproduce)[^\n]*\n)? +reproduce: "
                                           "interleave replay (il2:[^ \n]+:invariant:races=0[^ \n]+)")))
      << found.out;
  const std::string consequence = token[1];
  const auto replayed = cli::testing::run({"replay", consequence.c_str()});
  EXPECT_EQ(replayed.exit_code, 0) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("reproduced"), std::string::npos) << replayed.out;
  EXPECT_NE(replayed.out.find("followed exactly"), std::string::npos) << replayed.out;

  const auto without = cli::testing::run({"run", "counter/unsynchronized", "--no-race-consequence"});
  EXPECT_EQ(without.out.find("the race leads to"), std::string::npos) << without.out;
}

}  // namespace
}  // namespace interleave
