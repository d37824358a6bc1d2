// What a CI pipeline relies on: JUnit XML, sharding, time budgets, exit codes.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cli/cli.hpp"
#include "cli_runner.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::cli {
namespace {

using testing::CliRun;
using testing::run;
using testing::run_with;

std::set<std::string> run_names(const std::string& json) {
  std::set<std::string> names;
  for (const auto& record : nlohmann::json::parse(json))
    names.insert(record["scenario"].get<std::string>() + "/" + record["variant"].get<std::string>());
  return names;
}

// A catalog whose one variant is labelled clean but loses an update: the
// mismatch a pipeline must see as a failure.
std::vector<Scenario> mislabelled_catalog() {
  Scenario scenario;
  scenario.name = "mislabelled";
  scenario.summary = "a counter that claims to be correct";
  scenario.variants.push_back(Variant{"claims_clean",
                                      {Verdict::clean},
                                      "Loads and stores separately, yet is labelled clean.",
                                      [](const Params&) {
                                        Atomic<int> count{0, "count"};
                                        auto add = [&] { count.store(count.load() + 1); };
                                        {
                                          Task a = spawn(add, "a");
                                          Task b = spawn(add, "b");
                                        }
                                        check(count.load() == 2, "lost update");
                                      },
                                      {EngineKind::fiber},
                                      ""});
  return {scenario};
}

std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         (name + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
          std::to_string(getpid()));
}

TEST(CliJunit, OneTestcasePerVariantAndEngineWithScenarioAsClassname) {
  const auto path = temp_path("junit-all.xml");
  auto result = run({"run", "counter", "--engine", "fiber", "--schedules", "200", "--junit", path.c_str()});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.out;
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(path.c_str())) << "not well-formed XML";
  std::filesystem::remove(path);
  auto testcases = document.select_nodes("//testcase");
  EXPECT_EQ(testcases.size(), 5u);
  std::set<std::string> names;
  for (const auto& node : testcases) {
    EXPECT_STREQ(node.node().attribute("classname").value(), "counter");
    names.insert(node.node().attribute("name").value());
  }
  EXPECT_TRUE(names.count("atomic_load_store [fiber]")) << "testcase names are variant [engine]";
  EXPECT_EQ(document.select_nodes("//failure").size(), 0u);
}

TEST(CliJunit, AMismatchIsAFailureWithVerdictLessonAndReplayToken) {
  const auto path = temp_path("junit-mismatch.xml");
  auto result = run_with(mislabelled_catalog(), {"run", "all", "--junit", path.c_str()});
  EXPECT_EQ(result.exit_code, kMismatch);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(path.c_str()));
  std::filesystem::remove(path);
  auto failure = document.select_node("//testcase/failure").node();
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("type").value(), "invariant");
  const std::string text = failure.text().get();
  EXPECT_NE(text.find("lost update"), std::string::npos) << text;
  EXPECT_NE(text.find("labelled clean"), std::string::npos) << "the lesson: " << text;
  EXPECT_NE(text.find("interleave replay il2:"), std::string::npos) << text;
  EXPECT_STREQ(document.child("testsuites").attribute("failures").value(), "1");
}

TEST(CliShard, TwoShardsCoverTheUnshardedRunExactlyOnce) {
  auto whole = run({"run", "all", "--engine", "fiber", "--schedules", "20", "--no-shrink", "--json", "-"});
  auto first =
      run({"run", "all", "--engine", "fiber", "--schedules", "20", "--no-shrink", "--shard", "1/2", "--json", "-"});
  auto second =
      run({"run", "all", "--engine", "fiber", "--schedules", "20", "--no-shrink", "--shard", "2/2", "--json", "-"});
  auto all = run_names(whole.out), a = run_names(first.out), b = run_names(second.out);
  EXPECT_FALSE(a.empty());
  EXPECT_FALSE(b.empty());
  std::set<std::string> both;
  for (const auto& name : a) EXPECT_EQ(b.count(name), 0u) << name << " is in both shards";
  both.insert(a.begin(), a.end());
  both.insert(b.begin(), b.end());
  EXPECT_EQ(both, all);
}

TEST(CliShard, GoogleTestShardVariablesSelectTheSameSlice) {
  auto flag = run({"run", "counter", "--engine", "fiber", "--schedules", "20", "--shard", "2/3", "--json", "-"});
  setenv("GTEST_TOTAL_SHARDS", "3", 1);
  setenv("GTEST_SHARD_INDEX", "1", 1);
  auto environment = run({"run", "counter", "--engine", "fiber", "--schedules", "20", "--json", "-"});
  unsetenv("GTEST_TOTAL_SHARDS");
  unsetenv("GTEST_SHARD_INDEX");
  EXPECT_EQ(run_names(flag.out), run_names(environment.out));
  EXPECT_EQ(run_names(flag.out).size(), 2u);  // variants 2 and 5 of counter's 5
}

TEST(CliShard, FewerVariantsThanShardsSplitTheSeeds) {
  std::uint64_t total = 0;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    auto result = run({"run", "counter/locked", "--schedules", "100", "--shard", shard, "--json", "-"});
    auto records = nlohmann::json::parse(result.out);
    ASSERT_EQ(records.size(), 1u);
    total += records[0]["schedules"].get<std::uint64_t>();
  }
  EXPECT_EQ(total, 100u);
}

TEST(CliShard, MalformedShardsAreUsageErrors) {
  for (const char* shard : {"0/2", "3/2", "1/0", "a/b", "2"})
    EXPECT_EQ(run({"run", "counter/locked", "--shard", shard}).exit_code, kUsageError) << shard;
}

TEST(CliBudget, EveryVariantReportsWhatItSawWhenTheBudgetEnds) {
  auto result =
      run({"run", "counter", "--engine", "fiber", "--budget", "0.5", "--schedules", "100000000", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  for (const auto& record : nlohmann::json::parse(result.out)) {
    EXPECT_TRUE(record["ran"].get<bool>());
    EXPECT_TRUE(record["matched"].get<bool>()) << record.dump();
    // A clean variant cannot run 10^8 schedules in its share: the budget ended it.
    if (record["verdict"] == "clean") EXPECT_TRUE(record["budget_reached"].get<bool>()) << record.dump();
    EXPECT_GT(record["schedules"].get<std::uint64_t>(), 0u);
  }
  EXPECT_NE(result.err.find("budget reached: clean after"), std::string::npos) << result.err;
}

// Three correct variants whose every schedule takes 5 ms of real time.
std::vector<Scenario> slow_catalog() {
  Scenario scenario;
  scenario.name = "slow";
  for (const char* name : {"first", "second", "third"})
    scenario.variants.push_back(
        Variant{name,
                {Verdict::clean},
                "Correct, and slow.",
                [](const Params&) { std::this_thread::sleep_for(std::chrono::milliseconds(5)); },
                {EngineKind::fiber},
                ""});
  return {scenario};
}

TEST(CliBudget, EveryVariantRunsAtLeastOneScheduleWhenTheBudgetIsSpent) {
  // The first variant's first schedule outlasts the whole budget; the other
  // two still run one schedule each, and report what they saw.
  auto result = run_with(slow_catalog(), {"run", "all", "--budget", "0.001", "--json", "-"});
  auto records = nlohmann::json::parse(result.out);
  ASSERT_EQ(records.size(), 3u);
  for (const auto& record : records) {
    EXPECT_TRUE(record["ran"].get<bool>()) << record.dump();
    EXPECT_GE(record["schedules"].get<int>(), 1) << record.dump();
    EXPECT_TRUE(record["budget_reached"].get<bool>()) << record.dump();
    EXPECT_EQ(record["verdict"], "clean") << record.dump();
  }
  EXPECT_EQ(result.exit_code, kAllMatched);
  EXPECT_EQ(result.err.find("not run"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace interleave::cli
