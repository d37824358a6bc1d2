// Words and numbers, and combinations that mean nothing (issue 19): each
// such combination is one line and exit 2; counts agree with their nouns
// and with what is shown; JSON records say their schema version.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_runner.hpp"
#include "interleave/interleave.hpp"
#include "report/text_layout.hpp"

namespace interleave::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::run;

void expect_one_line_usage_error(const testing::CliRun& result, const std::string& text) {
  EXPECT_EQ(result.exit_code, kUsageError) << result.out << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr(text));
}

TEST(CliMeaningless, AStrategyOnAnEngineWithoutOneIsAnError) {
  for (const char* engine : {"threads", "processes", "tsan"})
    expect_one_line_usage_error(run({"run", "counter/locked", "--engine", engine, "--strategy", "dfs"}),
                                "--strategy applies to the fiber engine only");
  expect_one_line_usage_error(run({"lincheck", "all", "--engine", "threads", "--strategy", "pct:3"}),
                              "--strategy applies to the fiber engine only");
  EXPECT_NE(run({"run", "counter/locked", "--engine", "fiber", "--strategy", "dfs:0"}).exit_code, kUsageError);
}

TEST(CliMeaningless, NegativeSeedsAreErrors) {
  expect_one_line_usage_error(run({"run", "counter/locked", "--seed", "-1"}), "is not a whole number >= 0");
  expect_one_line_usage_error(run({"run", "counter/locked", "--seed=-1"}), "is not a whole number >= 0");
  expect_one_line_usage_error(run({"lincheck", "all", "--seed", "-3"}), "is not a whole number >= 0");
}

TEST(CliMeaningless, AFilterWithNothingRunnableOnTheEngineIsAnError) {
  expect_one_line_usage_error(run({"run", "counter", "--engine", "processes"}),
                              "none of the 5 selected variants runs on the processes engine");
}

TEST(CliMeaningless, ABenchFilterWithNoCorrectVariantIsAnError) {
  expect_one_line_usage_error(run({"bench", "counter/unsynchronized"}), "selects no correct variant");
  expect_one_line_usage_error(run({"bench", "counter/unsynchronized:counter/atomic_load_store"}),
                              "selects no correct variant");
}

TEST(CliMeaningless, ReplayOfAMissingFileSaysSo) {
  expect_one_line_usage_error(run({"replay", "nonexist.json"}), "no such file: 'nonexist.json'");
  expect_one_line_usage_error(run({"replay", std::filesystem::temp_directory_path().c_str()}), "is not a file");
}

TEST(CliWords, CountsAgreeWithTheirNouns) {
  EXPECT_EQ(report::counted(1, "variant"), "1 variant");
  EXPECT_EQ(report::counted(2, "bug"), "2 bugs");
  EXPECT_EQ(report::counted(0, "history", "histories"), "0 histories");
  const auto one = run({"run", "counter/unsynchronized", "--schedules", "100"});
  EXPECT_THAT(one.out, HasSubstr("1 variant: 1 matched, 0 mismatched; 1 bug found;")) << one.out;
  const auto clean = run({"run", "counter/locked", "--schedules", "100"});
  EXPECT_THAT(clean.out, HasSubstr("1 variant: 1 matched, 0 mismatched; 0 bugs found;")) << clean.out;
}

// A variant that unlocks a mutex it never locked: a crash on every engine.
std::vector<Scenario> misuse_catalog() {
  Scenario scenario;
  scenario.name = "misuse";
  scenario.summary = "a mutex unlocked by a task that does not hold it";
  scenario.variants.push_back(Variant{"unlock_unheld",
                                      {Verdict::crash},
                                      "Unlocks a mutex it never locked.",
                                      [](const Params&) {
                                        Mutex lock{"lock"};
                                        lock.unlock();
                                      },
                                      {EngineKind::fiber, EngineKind::threads},
                                      ""});
  return {scenario};
}

TEST(CliWords, NoDoubledVerdictPrefixes) {
  for (const char* engine : {"fiber", "threads"}) {
    const auto result = testing::run_with(misuse_catalog(), {"run", "all", "--engine", engine, "--schedules", "5"});
    EXPECT_EQ(result.exit_code, kAllMatched) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("crash: ")) << result.out;
    EXPECT_THAT(result.out, Not(HasSubstr("crash: crash:"))) << result.out;
  }
  const auto all = run({"run", "all", "--schedules", "50", "--no-isolate"});
  for (const char* verdict : {"crash", "race", "invariant", "deadlock", "hang"})
    EXPECT_THAT(all.out, Not(HasSubstr(std::string(verdict) + ": " + verdict + ":"))) << verdict;
}

TEST(CliWords, AClearPctBoundIsNeverAZeroProbability) {
  const auto result = run({"run", "counter/locked", "--strategy", "pct:3", "--schedules", "3000"});
  EXPECT_THAT(result.out, HasSubstr("the chance one was missed is")) << result.out;
  EXPECT_THAT(result.out, Not(HasSubstr("<= 0\n")));
  EXPECT_THAT(result.out, Not(HasSubstr("<= 0;")));
  EXPECT_THAT(result.out, Not(HasSubstr(">= 0\n")));
}

// The interleaving heading counts the rows of its timeline.
TEST(CliWords, TheStepCountIsTheRowsShown) {
  const auto result = run({"run", "counter/unsynchronized", "--json", "-"});
  const auto record = nlohmann::json::parse(result.out)[0];
  const std::size_t rows = record["events"].size();
  EXPECT_THAT(result.err, HasSubstr(", " + std::to_string(rows) + " steps\n")) << result.err;
  std::istringstream lines(result.err);
  std::size_t shown = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 8 && line.find(" | ") != std::string::npos && line.find('#') == std::string::npos) ++shown;
  EXPECT_EQ(shown, rows) << result.err;
}

TEST(CliWords, ReplayJsonSaysWhetherItReproducedAndFollowed) {
  const auto found = run({"run", "counter/unsynchronized", "--json", "-"});
  const std::string token = nlohmann::json::parse(found.out)[0]["replay"].get<std::string>();
  const auto replayed = run({"replay", token.c_str(), "--json", "-"});
  EXPECT_EQ(replayed.exit_code, kAllMatched) << replayed.err;
  const auto record = nlohmann::json::parse(replayed.out)[0];
  EXPECT_EQ(record["reproduced"], true) << record.dump();
  EXPECT_EQ(record["followed"], true) << record.dump();
  EXPECT_EQ(record["recorded_verdict"], "race") << record.dump();
}

TEST(CliWords, EveryJsonRecordCarriesItsSchemaVersion) {
  const auto ran = run({"run", "counter/*", "--schedules", "100", "--json", "-"});
  for (const auto& record : nlohmann::json::parse(ran.out)) EXPECT_EQ(record["schema_version"], 1) << record.dump();
  const auto listed = run({"list", "--json"});
  for (const auto& record : nlohmann::json::parse(listed.out)) EXPECT_EQ(record["schema_version"], 1);
  const auto checked = run({"lincheck", "counter/*", "--cases", "2", "--schedules", "10", "--json", "-"});
  for (const auto& record : nlohmann::json::parse(checked.out)) EXPECT_EQ(record["schema_version"], 1);
}

}  // namespace
}  // namespace interleave::cli
