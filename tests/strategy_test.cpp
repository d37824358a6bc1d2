#include <gtest/gtest.h>

#include "interleave/interleave.hpp"
#include "report/variant_report.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

const Variant& variant_named(const Scenario& scenario, const std::string& name) {
  for (const auto& variant : scenario.variants)
    if (variant.name == name) return variant;
  throw std::out_of_range(name);
}

ExploreResult explore_variant(const Scenario& scenario, const std::string& variant_name, Strategy strategy,
                              std::uint64_t schedules, std::uint64_t seed = 1, Params params = {}) {
  const Variant& variant = variant_named(scenario, variant_name);
  if (params.values().empty()) params = scenario.defaults;
  ExploreOptions options;
  options.strategy = std::move(strategy);
  options.schedules = schedules;
  options.seed = seed;
  return explore(options, [&] { variant.body(params); });
}

Params small_counter() { return Params({{"workers", 2}, {"iterations", 2}}); }

TEST(Dfs, ExhaustsTheSmallLockedCounterAndCountsItsInterleavings) {
  auto result = explore_variant(scenarios::counter_scenario(), "locked", dfs(), 1'000'000, 1, small_counter());
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_TRUE(result.exhausted);
  EXPECT_GT(result.schedules, 1u);
  EXPECT_LT(result.schedules, 1'000'000u);
  auto again = explore_variant(scenarios::counter_scenario(), "locked", dfs(), 1'000'000, 1, small_counter());
  EXPECT_EQ(again.schedules, result.schedules) << "the search space is a property of the program";
}

TEST(Dfs, APreemptionBoundShrinksTheSpace) {
  auto unbounded = explore_variant(scenarios::counter_scenario(), "locked", dfs(), 1'000'000, 1, small_counter());
  auto none = explore_variant(scenarios::counter_scenario(), "locked", dfs(0), 1'000'000, 1, small_counter());
  auto one = explore_variant(scenarios::counter_scenario(), "locked", dfs(1), 1'000'000, 1, small_counter());
  ASSERT_TRUE(none.exhausted && one.exhausted && unbounded.exhausted);
  EXPECT_LT(none.schedules, one.schedules);
  EXPECT_LE(one.schedules, unbounded.schedules);
}

TEST(Dfs, OnePreemptionFindsTheLostDeposit) {
  auto result = explore_variant(scenarios::bank_account_scenario(), "unlocked", dfs(1), 100'000);
  EXPECT_EQ(result.verdict, Verdict::race) << result;
  EXPECT_LE(result.preemptions, 1);
}

TEST(Dfs, FindsTheAtomicityViolationThatNeedsAPreemption) {
  auto result =
      explore_variant(scenarios::counter_scenario(), "atomic_load_store", dfs(1), 100'000, 1, small_counter());
  EXPECT_EQ(result.verdict, Verdict::invariant) << result;
  EXPECT_EQ(result.preemptions, 1);
}

class PctFindsEveryBrokenVariant : public ::testing::TestWithParam<std::string> {};

TEST_P(PctFindsEveryBrokenVariant, InTwentyOfTwentySeeds) {
  auto slash = GetParam().find('/');
  auto scenario =
      GetParam().substr(0, slash) == "counter" ? scenarios::counter_scenario() : scenarios::bank_account_scenario();
  const Variant& variant = variant_named(scenario, GetParam().substr(slash + 1));
  for (std::uint64_t k = 0; k < 20; ++k) {
    auto result = explore_variant(scenario, variant.name, pct(3), 10'000, 1 + k * 7'919);
    EXPECT_TRUE(variant.matches(result.verdict))
        << "seed " << 1 + k * 7'919 << ": expected " << report::expected_text(variant.expected) << ", got " << result;
  }
}

INSTANTIATE_TEST_SUITE_P(CounterAndBank, PctFindsEveryBrokenVariant,
                         ::testing::Values("counter/unsynchronized", "counter/atomic_load_store",
                                           "bank_account/unlocked", "bank_account/check_then_act",
                                           "bank_account/transfer_lock_order"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });

TEST(Replay, TheRecordedScheduleReproducesTheFinding) {
  auto scenario = scenarios::counter_scenario();
  auto found = explore_variant(scenario, "atomic_load_store", random_walk(), 10'000, 3);
  ASSERT_EQ(found.verdict, Verdict::invariant) << found;
  auto replayed = explore_variant(scenario, "atomic_load_store", replay(found.failing_schedule), 10);
  EXPECT_EQ(replayed.verdict, found.verdict);
  EXPECT_EQ(replayed.message, found.message);
  EXPECT_EQ(replayed.failing_schedule, found.failing_schedule);
  EXPECT_EQ(replayed.schedules, 1u) << "a replay runs exactly one schedule";
  EXPECT_FALSE(replayed.diverged);
}

TEST(Replay, AScheduleThatDoesNotFitIsReportedAsDiverged) {
  auto replayed = explore_variant(scenarios::counter_scenario(), "locked", replay({9, 9, 9, 9}), 1);
  EXPECT_TRUE(replayed.diverged);
}

TEST(StrategyNames, ParseAndPrintRoundTrip) {
  for (const char* text : {"portfolio", "random", "pct:3", "dfs", "dfs:2"}) {
    auto parsed = parse_strategy(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(to_string(*parsed), text);
  }
  for (const char* bad : {"", "pct", "pct:0", "pct:-1", "dfs:", "dfs:x", "random:1", "walk"})
    EXPECT_FALSE(parse_strategy(bad)) << bad;
}

}  // namespace
}  // namespace interleave
