// The tsan engine end to end: `interleave run X --engine tsan` runs the
// ThreadSanitizer build as a child and reports what TSan saw. Needs that
// build (`bash ci/build.sh tsan`); ci/test.sh builds it and sets
// INTERLEAVE_REQUIRE_TSAN=1 so that a missing build fails rather than skips.

#include "engines/tsan/tsan_engine.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog_cases.hpp"
#include "cli/cli.hpp"
#include "report/variant_report.hpp"

namespace interleave::testing {
namespace {

bool tsan_required() {
  const char* required = std::getenv("INTERLEAVE_REQUIRE_TSAN");
  return required && std::string(required) == "1";
}

nlohmann::json run_under_tsan(const std::string& name) {
  std::vector<const char*> args = {"interleave", "run", name.c_str(), "--engine", "tsan", "--json", "-"};
  std::ostringstream out, err;
  int code = cli::run_cli(static_cast<int>(args.size()), args.data(), scenarios::catalog(), out, err);
  EXPECT_NE(code, cli::kUsageError) << err.str();
  auto records = nlohmann::json::parse(out.str());
  EXPECT_EQ(records.size(), 1u);
  return records[0];
}

// "file.cpp:N" for the first line of scenarios/file.cpp that contains
// `code`, so that the expectations follow the scenarios as they are edited.
std::string where_in_scenario(const std::string& file, const std::string& code) {
  std::ifstream source(INTERLEAVE_SCENARIOS_DIR + file);
  int number = 0;
  for (std::string line; std::getline(source, line);)
    if (++number, line.find(code) != std::string::npos) return file + ":" + std::to_string(number);
  ADD_FAILURE() << code << " not found in " << file;
  return file;
}

class TsanEngine : public ::testing::TestWithParam<CatalogCase> {
 protected:
  void SetUp() override {
    if (engines::tsan::find_tsan_binary()) return;
    if (tsan_required()) FAIL() << engines::tsan::missing_tsan_binary_message();
    GTEST_SKIP() << engines::tsan::missing_tsan_binary_message();
  }
};

// The truth table under ThreadSanitizer: data races and lock-order cycles
// are TSan's verdicts, deadlocks the watchdog's, and atomicity violations
// are invisible to it (clean).
TEST_P(TsanEngine, VerdictMatchesWhatTsanCanSee) {
  const auto& [scenario, variant] = GetParam();
  if (!variant->runs_on(EngineKind::tsan)) GTEST_SKIP() << "not a threads-engine variant";
  auto record = run_under_tsan(scenario->name + "/" + variant->name);
  EXPECT_TRUE(record["matched"].get<bool>())
      << "expected " << report::expected_text(variant->expected_on(EngineKind::tsan)) << ", got " << record.dump(2);
}

INSTANTIATE_TEST_SUITE_P(Catalog, TsanEngine, ::testing::ValuesIn(catalog_cases()), case_name);

class TsanEngineReports : public TsanEngine {};

TEST_F(TsanEngineReports, ARaceNamesBothSourceLines) {
  auto record = run_under_tsan("counter/unsynchronized");
  EXPECT_EQ(record["verdict"], "race");
  const std::string message = record["message"];
  EXPECT_NE(message.find("read of size 4"), std::string::npos) << message;
  EXPECT_NE(message.find("previous write of size 4"), std::string::npos) << message;
  EXPECT_EQ(record["details"].size(), 2u);
  const std::string racy_line =
      where_in_scenario("counter.cpp", "for (int i = 0; i < iterations; ++i) count.write(count.read() + 1);");
  for (const auto& line : record["details"]) EXPECT_EQ(line.get<std::string>().rfind(racy_line + ":", 0), 0u) << line;
}

TEST_F(TsanEngineReports, ALockOrderInversionIsReportedBeforeAnyDeadlock) {
  auto record = run_under_tsan("bank_account/transfer_lock_order");
  EXPECT_EQ(record["verdict"], "lock_order_inversion");
  const std::string second_lock = where_in_scenario("bank_account.cpp", "ScopedLock hold_second(locks[1 - first]);");
  EXPECT_NE(record["message"].get<std::string>().find(second_lock), std::string::npos) << record.dump();
}

TEST_F(TsanEngineReports, AnAtomicityViolationIsCleanAndSaysWhy) {
  auto record = run_under_tsan("counter/atomic_load_store");
  EXPECT_EQ(record["verdict"], "clean");
  EXPECT_TRUE(record["matched"].get<bool>());
}

}  // namespace
}  // namespace interleave::testing
