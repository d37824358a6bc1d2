// The truth table on each variant's own engine (the fiber engine for all but
// the forked-process variants): every broken variant is found from 20
// different seeds, every correct variant stays clean over 10,000 schedules.
// Forked processes cost real time, so those variants get fewer seeds and a
// shorter hang timeout.

#include "catalog_cases.hpp"
#include "interleave/explore.hpp"
#include "report/variant_report.hpp"

namespace interleave::testing {
namespace {

constexpr int kSeeds = 20;
constexpr std::uint64_t kSchedules = 10'000;

class FiberTruthTable : public ::testing::TestWithParam<CatalogCase> {};

TEST_P(FiberTruthTable, VerdictMatchesTheCatalog) {
  const auto& [scenario, variant] = GetParam();
  auto body = [&] { variant->body(scenario->defaults); };
  ExploreOptions options;
  options.schedules = kSchedules;
  options.shrink = false;  // the verdict is what is tested here; shrinking has tests of its own
  options.engine = variant->runs_on(EngineKind::fiber) ? EngineKind::fiber : variant->engines.front();
  const bool processes = options.engine == EngineKind::processes;
  if (processes) options.hang_timeout = std::chrono::milliseconds(300);
  if (!variant->expects_bug()) {
    auto result = explore(options, body);
    EXPECT_TRUE(result.clean()) << result;
    if (!processes) EXPECT_EQ(result.schedules, kSchedules);
    return;
  }
  for (int k = 0; k < (processes ? 3 : kSeeds); ++k) {
    options.seed = 1 + static_cast<std::uint64_t>(k) * 1'000'003;
    auto result = explore(options, body);
    EXPECT_TRUE(variant->matches(result.verdict))
        << "seed " << options.seed << ": expected " << report::expected_text(variant->expected) << ", got " << result;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, FiberTruthTable, ::testing::ValuesIn(catalog_cases()), case_name);

}  // namespace
}  // namespace interleave::testing
