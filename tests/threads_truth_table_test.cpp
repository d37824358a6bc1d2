// The threads engine's truth table: real threads with schedule noise. A bug
// found here depends on the OS as well as the seed, so each broken variant
// gets several seeds and a generous number of schedules.

#include <algorithm>

#include "catalog_cases.hpp"
#include "interleave/explore.hpp"
#include "report/variant_report.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define INTERLEAVE_UNDER_TSAN 1
#endif
#endif

namespace interleave::testing {
namespace {

// Variants whose bug ThreadSanitizer itself reports (a data race, a lock-order
// inversion), or that it reports although they are correct (the gate lock
// of dining_philosophers/waiter). Under a TSan build its report would fail
// the test binary, so those run only in the default build; the TSan engine
// judges them instead.
[[maybe_unused]] bool sanitizer_reports_it(const Variant& variant) {
  auto reported = [](Verdict v) {
    return v == Verdict::race || v == Verdict::deadlock || v == Verdict::lock_order_inversion;
  };
  const std::vector<Verdict> under_tsan = variant.expected_on(EngineKind::tsan);
  return std::any_of(variant.expected.begin(), variant.expected.end(), reported) ||
         std::any_of(under_tsan.begin(), under_tsan.end(), reported);
}

class ThreadsTruthTable : public ::testing::TestWithParam<CatalogCase> {};

TEST_P(ThreadsTruthTable, VerdictMatchesTheCatalog) {
  const auto& [scenario, variant] = GetParam();
  if (!variant->runs_on(EngineKind::threads)) GTEST_SKIP() << "not a threads-engine variant";
#ifdef INTERLEAVE_UNDER_TSAN
  if (sanitizer_reports_it(*variant)) GTEST_SKIP() << "ThreadSanitizer reports this bug itself";
#endif
  auto body = [&] { variant->body(scenario->defaults); };
  ExploreOptions options;
  options.engine = EngineKind::threads;
  if (!variant->expects_bug()) {
    options.schedules = 300;
    auto result = explore(options, body);
    EXPECT_TRUE(result.clean()) << result;
    return;
  }
  options.schedules = 5'000;
  for (std::uint64_t seed : {1u, 1'000'003u, 2'000'006u}) {
    options.seed = seed;
    auto result = explore(options, body);
    EXPECT_TRUE(variant->matches(result.verdict))
        << "seed " << seed << ": expected " << report::expected_text(variant->expected) << ", got " << result;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, ThreadsTruthTable, ::testing::ValuesIn(catalog_cases()), case_name);

}  // namespace
}  // namespace interleave::testing
