// Filters as GoogleTest's (issue 19): `a:b:-c` for run, list, lincheck and
// bench, and `list --json -`.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/selection.hpp"
#include "cli_runner.hpp"

namespace interleave::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::run;

std::set<std::string> names_in(const std::string& json) {
  std::set<std::string> names;
  for (const auto& record : nlohmann::json::parse(json))
    names.insert(record["scenario"].get<std::string>() + "/" + record["variant"].get<std::string>());
  return names;
}

TEST(CliFilter, ParsesPositiveThenNegativePatterns) {
  const NameFilter filter = parse_filter("a:b/*:-c:d");
  EXPECT_THAT(filter.positive, ElementsAre("a", "b/*"));
  EXPECT_THAT(filter.negative, ElementsAre("c", "d"));
  EXPECT_TRUE(parse_filter("-c").positive.empty());
  EXPECT_THAT(parse_filter("a-c").negative, ElementsAre("c"));
  EXPECT_THROW(parse_filter(""), UsageError);
  EXPECT_THROW(parse_filter("a::b"), UsageError);
  EXPECT_THROW(parse_filter("a:-"), UsageError);
}

TEST(CliFilter, RunTakesSeveralPatternsAndNegativeOnes) {
  const auto result = run({"run", "counter/*:bank_account/locked:-counter/unsynchronized:counter/atomic_*",
                           "--schedules", "200", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  // Every pattern after the '-' is negative, as in GoogleTest.
  EXPECT_EQ(names_in(result.out), (std::set<std::string>{"counter/locked", "counter/sharded", "bank_account/locked"}));
}

TEST(CliFilter, AFilterOfOnlyNegativePatternsKeepsTheRest) {
  const auto result = run({"list", "all:-bank_account:counter:rate_limiter", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  const auto names = names_in(result.out);
  EXPECT_GT(names.size(), 20u);
  for (const auto& name : names) {
    EXPECT_FALSE(name.starts_with("counter/")) << name;
    EXPECT_FALSE(name.starts_with("bank_account/")) << name;
  }
  // A filter that starts with '-' comes after `--`, or it would read as an option.
  const auto table = run({"list", "--", "-counter"});
  EXPECT_EQ(table.exit_code, kAllMatched) << table.err;
  EXPECT_THAT(table.out, HasSubstr("bank_account/locked"));
  EXPECT_THAT(table.out, ::testing::Not(HasSubstr("counter/")));
}

TEST(CliFilter, AFilterThatSelectsNothingOrHasAnUnusedPatternIsAnError) {
  const auto typo = run({"run", "counter/locked:counter/lokced"});
  EXPECT_EQ(typo.exit_code, kUsageError);
  EXPECT_THAT(typo.err, HasSubstr("'counter/lokced'"));
  const auto nothing_left = run({"run", "counter/locked:-counter"});
  EXPECT_EQ(nothing_left.exit_code, kUsageError);
  EXPECT_THAT(nothing_left.err, HasSubstr("leaves no scenario or variant"));
  EXPECT_EQ(std::count(nothing_left.err.begin(), nothing_left.err.end(), '\n'), 1);
}

TEST(CliFilter, ListTakesAFilterAndJsonOnStdout) {
  const auto table = run({"list", "counter/*:-counter/locked"});
  EXPECT_EQ(table.exit_code, kAllMatched) << table.err;
  EXPECT_THAT(table.out, HasSubstr("counter/unsynchronized"));
  EXPECT_THAT(table.out, ::testing::Not(HasSubstr("counter/locked ")));
  EXPECT_THAT(table.out, HasSubstr("variants in 1 scenario\n")) << table.out;

  for (const char* json : {"--json", "-"}) {
    std::vector<const char*> args = {"list", "counter/locked", "--json"};
    if (std::string(json) == "-") args.push_back("-");
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
    const auto records = nlohmann::json::parse(result.out);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0]["variant"], "locked");
    EXPECT_EQ(records[0]["schema_version"], 1);
  }
}

TEST(CliFilter, LincheckTakesTheSameFilters) {
  const auto result =
      run({"lincheck", "bounded_queue/*:-bounded_queue/correct*", "--cases", "2", "--schedules", "20", "--json", "-"});
  ASSERT_NE(result.exit_code, kUsageError) << result.err;
  for (const auto& name : names_in(result.out)) EXPECT_FALSE(name.starts_with("bounded_queue/correct")) << name;
}

}  // namespace
}  // namespace interleave::cli
