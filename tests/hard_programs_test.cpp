// The harder programs of tests/hard_programs: each bug is found by the
// default portfolio, each correct twin stays clean, and each program's
// stated fewest preemptions is what a preemption-bounded search finds
// (none fewer where the smaller space can be searched to its end).

#include "hard_programs/hard_programs.hpp"

#include <gtest/gtest.h>

#include "interleave/interleave.hpp"

namespace interleave {
namespace {

using hard_programs::HardProgram;

ExploreResult explore_with(const std::function<void()>& body, Strategy strategy, std::uint64_t schedules,
                           std::uint64_t seed = 1) {
  ExploreOptions options;
  options.strategy = std::move(strategy);
  options.schedules = schedules;
  options.seed = seed;
  return explore(options, body);
}

class HardProgramTest : public ::testing::TestWithParam<std::string> {
 protected:
  const HardProgram& program() const { return hard_programs::named(GetParam()); }
};

TEST_P(HardProgramTest, TheDefaultPortfolioFindsTheBug) {
  auto result = explore_with(program().broken, portfolio(), 10'000);
  EXPECT_EQ(result.verdict, Verdict::invariant) << result;
}

TEST_P(HardProgramTest, TheCorrectTwinStaysCleanUnderEveryStrategy) {
  ASSERT_TRUE(program().correct);
  for (const Strategy& strategy : {portfolio(), random_walk(), pct(3), pos()}) {
    auto result = explore_with(program().correct, strategy, 2'000);
    EXPECT_TRUE(result.clean()) << to_string(strategy) << ": " << result;
  }
}

// Where the bounded space is small enough for dfs, it finds a failing
// schedule with exactly the stated preemptions.
TEST(HardPrograms, APreemptionBoundedSearchFindsItAtTheStatedFewest) {
  for (const char* name : {"treiber_stack_aba", "work_stealing_last_item", "two_stage_pipeline", "token_ring"}) {
    const HardProgram& program = hard_programs::named(name);
    auto result = explore_with(program.broken, dfs(program.min_preemptions), 100'000);
    ASSERT_EQ(result.verdict, Verdict::invariant) << name << ": " << result;
    EXPECT_EQ(result.preemptions, program.min_preemptions) << name;
  }
}

// Too many tasks or steps for dfs: a failing schedule never has fewer
// preemptions than stated, and for the crowd the shrinker reaches it.
TEST(HardPrograms, FindsOfTheLargerOnesHaveAtLeastTheStatedFewest) {
  for (const char* name : {"same_ticket", "crowded_claim", "split_critical_section"}) {
    const HardProgram& program = hard_programs::named(name);
    for (std::uint64_t seed : {1, 2, 3}) {
      auto result = explore_with(program.broken, random_walk(), 10'000, seed * 1'000);
      ASSERT_EQ(result.verdict, Verdict::invariant) << name << ": " << result;
      EXPECT_GE(result.preemptions, program.min_preemptions) << name;
      if (program.min_preemptions == 1) EXPECT_EQ(result.preemptions, 1) << name << " seed " << seed * 1'000;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(All, HardProgramTest,
                         ::testing::Values("treiber_stack_aba", "work_stealing_last_item", "same_ticket",
                                           "crowded_claim", "two_stage_pipeline", "token_ring",
                                           "split_critical_section"));

// Where the space with one preemption fewer is small enough to search to
// its end, it holds no failing schedule: the stated fewest is the fewest.
TEST(HardPrograms, NoneFailsWithFewerPreemptionsThanStated) {
  for (const char* name : {"treiber_stack_aba", "work_stealing_last_item", "two_stage_pipeline"}) {
    const HardProgram& program = hard_programs::named(name);
    auto result = explore_with(program.broken, dfs(program.min_preemptions - 1), 100'000);
    EXPECT_TRUE(result.clean()) << name << ": " << result;
    EXPECT_TRUE(result.exhausted) << name << " after " << result.schedules << " schedules";
  }
}

TEST(HardPrograms, EachStatesItsTaskCount) {
  for (const HardProgram& program : hard_programs::all()) {
    auto result = explore_with(program.correct, random_walk(), 1);
    EXPECT_EQ(result.max_tasks, program.tasks) << program.name;
  }
}

}  // namespace
}  // namespace interleave
