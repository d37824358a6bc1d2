// The catalog's lincheck variants, as `interleave lincheck` runs them, on a
// small fixed-seed budget: every correct one linearizable in every history
// checked, every broken one found (with its expected verdict) from several
// seeds, and a finding shrunk to a case that fails again from its seed.

#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "report/variant_report.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::testing {
namespace {

constexpr int kCases = 20;
// A broken variant stops at its first failing case: it may have rapidcheck's
// default 100 (single_condvar_notify_one needs 3 tasks in the right shape,
// and 20 cases of some seeds have none).
constexpr int kCasesToFind = 100;
constexpr std::uint64_t kSchedules = 200;

struct LincheckCase {
  const Scenario* scenario;
  const LincheckVariant* variant;
};

std::vector<LincheckCase> lincheck_cases(bool broken_only = false) {
  std::vector<LincheckCase> cases;
  for (const auto& scenario : scenarios::catalog())
    for (const auto& variant : scenario.lincheck)
      if (!broken_only || variant.expects_bug()) cases.push_back({&scenario, &variant});
  return cases;
}

void PrintTo(const LincheckCase& lincheck_case, std::ostream* out) {
  *out << lincheck_case.scenario->name << "/" << lincheck_case.variant->name;
}

std::string case_name(const ::testing::TestParamInfo<LincheckCase>& info) {
  return info.param.scenario->name + "_" + info.param.variant->name;
}

LincheckRequest small_request(std::uint64_t seed, int cases = kCases) {
  LincheckRequest request;
  request.explore.schedules = kSchedules;
  request.explore.show_race_consequence = false;
  request.seed = seed;
  request.cases = cases;
  return request;
}

int operations(const std::vector<int>& per_task) { return std::accumulate(per_task.begin(), per_task.end(), 0); }

class CatalogLincheck : public ::testing::TestWithParam<LincheckCase> {};

TEST_P(CatalogLincheck, VerdictMatchesTheCatalog) {
  const LincheckVariant& variant = *GetParam().variant;
  if (!variant.expects_bug()) {
    const LincheckOutcome outcome = variant.run(small_request(1));
    EXPECT_TRUE(outcome.clean()) << outcome.message;
    EXPECT_EQ(outcome.cases, kCases);
    EXPECT_EQ(outcome.histories_checked, kCases * kSchedules);
    return;
  }
  for (std::uint64_t seed : {1, 101, 201}) {
    const LincheckOutcome outcome = variant.run(small_request(seed, kCasesToFind));
    ASSERT_TRUE(variant.matches(outcome.verdict))
        << "seed " << seed << ": expected " << report::expected_text(variant.expected) << ", got "
        << to_string(outcome.verdict) << ": " << outcome.message;
    ASSERT_TRUE(outcome.failing_case_seed.has_value());
    EXPECT_LE(operations(outcome.operations_shrunk), operations(outcome.operations_found));
    EXPECT_GE(outcome.operations_shrunk.size(), 2u) << "one task alone has no concurrency bug here";
    EXPECT_LE(outcome.preemptions, outcome.preemptions_found);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, CatalogLincheck, ::testing::ValuesIn(lincheck_cases()), case_name);

class BrokenLincheck : public ::testing::TestWithParam<LincheckCase> {};

TEST_P(BrokenLincheck, AFindingFailsAgainFromItsCaseSeedAlone) {
  const LincheckVariant& variant = *GetParam().variant;
  const LincheckOutcome found = variant.run(small_request(1, kCasesToFind));
  ASSERT_TRUE(found.failing_case_seed.has_value()) << to_string(found.verdict);
  LincheckRequest again = small_request(*found.failing_case_seed);
  again.cases = 1;
  const LincheckOutcome replayed = variant.run(again);
  EXPECT_EQ(replayed.verdict, found.verdict);
  EXPECT_EQ(replayed.operations_found, found.operations_found);
  EXPECT_EQ(replayed.operations_shrunk, found.operations_shrunk);
  EXPECT_EQ(replayed.script, found.script);
  EXPECT_EQ(replayed.details, found.details);
}

INSTANTIATE_TEST_SUITE_P(Catalog, BrokenLincheck, ::testing::ValuesIn(lincheck_cases(true)), case_name);

const LincheckVariant& lincheck_variant(const std::string& scenario, const std::string& name) {
  for (const auto& candidate : scenarios::catalog())
    if (candidate.name == scenario)
      for (const auto& variant : candidate.lincheck)
        if (variant.name == name) return variant;
  throw std::out_of_range(scenario + "/" + name);
}

TEST(CatalogLincheck, EveryScenarioTheCatalogNamesHasLincheckVariants) {
  for (const char* scenario : {"bounded_queue", "counter", "bank_account", "resource_pool"}) {
    const auto& all = scenarios::catalog();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Scenario& s) { return s.name == scenario; });
    ASSERT_NE(it, all.end());
    EXPECT_GE(it->lincheck.size(), 2u) << scenario;
  }
}

TEST(CatalogLincheck, WithoutTheRaceDetectorALostUpdateIsNotLinearizable) {
  LincheckRequest request = small_request(1);
  request.explore.detect_races = false;
  const LincheckOutcome counter = lincheck_variant("counter", "unsynchronized").run(request);
  EXPECT_EQ(counter.verdict, Verdict::not_linearizable) << counter.message;
  // The pool's lost update is a third permit handed out (not linearizable)
  // or a lost release that leaves every acquire spinning (a hang), as its
  // catalog entry says; whichever a schedule reaches first.
  const LincheckOutcome pool = lincheck_variant("resource_pool", "check_then_increment").run(request);
  EXPECT_TRUE(pool.verdict == Verdict::not_linearizable || pool.verdict == Verdict::hang) << pool.message;
}

TEST(CatalogLincheck, ANotLinearizableHistoryIsATableWithAColumnPerTask) {
  const LincheckOutcome outcome = lincheck_variant("bounded_queue", "close_without_notify").run(small_request(1));
  ASSERT_EQ(outcome.verdict, Verdict::not_linearizable) << outcome.message;
  ASSERT_FALSE(outcome.details.empty());
  for (std::size_t task = 0; task < outcome.operations_shrunk.size(); ++task)
    EXPECT_NE(outcome.details.front().find("task " + std::to_string(task)), std::string::npos)
        << outcome.details.front();
  EXPECT_EQ(outcome.operations_shrunk, (std::vector<int>{1, 1}));
  bool never_returns = false;
  for (const auto& line : outcome.details) never_returns |= line.find("get() never returns") != std::string::npos;
  EXPECT_TRUE(never_returns);
}

TEST(CatalogLincheck, WithoutShrinkingTheCaseIsReportedAsFound) {
  LincheckRequest request = small_request(1);
  request.shrink = false;
  const LincheckOutcome outcome = lincheck_variant("counter", "atomic_load_store").run(request);
  ASSERT_EQ(outcome.verdict, Verdict::not_linearizable);
  EXPECT_EQ(outcome.operations_shrunk, outcome.operations_found);
}

}  // namespace
}  // namespace interleave::testing
