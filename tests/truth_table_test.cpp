// The fiber engine's truth table: every broken variant is found from 20
// different seeds, every correct variant stays clean over 10,000 schedules.

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
  if (!variant->expects_bug()) {
    auto result = explore(options, body);
    EXPECT_TRUE(result.clean()) << result;
    EXPECT_EQ(result.schedules, kSchedules);
    return;
  }
  for (int k = 0; k < kSeeds; ++k) {
    options.seed = 1 + static_cast<std::uint64_t>(k) * 1'000'003;
    auto result = explore(options, body);
    EXPECT_TRUE(variant->matches(result.verdict))
        << "seed " << options.seed << ": expected " << report::expected_text(variant->expected) << ", got " << result;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, FiberTruthTable, ::testing::ValuesIn(catalog_cases()), case_name);

}  // namespace
}  // namespace interleave::testing
