// `--sarif FILE`, end to end: the binary run from the source root as CI
// runs it, the SARIF read back as JSON, and Microsoft's SARIF Multitool
// validating it. ci/setup.sh installs the Multitool; ci/test.sh sets
// INTERLEAVE_REQUIRE_SARIF_TOOL=1 so that a missing one fails rather than skips.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

struct Command {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs `command` through the shell from the source root.
Command run_shell(const std::string& command) {
  const std::string line = "cd '" INTERLEAVE_SOURCE_DIR "' && " + command + " 2>&1";
  Command result;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::filesystem::path temp_sarif(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()) + ".sarif");
}

json read_json(const std::filesystem::path& path) {
  std::ifstream file(path);
  return json::parse(file);
}

// `interleave ARGS --sarif FILE` from the source root; the log, parsed.
json sarif_of(const std::string& args, const std::string& name, int expected_exit = 0) {
  const auto path = temp_sarif(name);
  const Command command =
      run_shell(std::string("'" INTERLEAVE_BINARY "' ") + args + " --sarif '" + path.string() + "'");
  EXPECT_EQ(command.exit_code, expected_exit) << command.output;
  json log = read_json(path);
  std::filesystem::remove(path);
  return log;
}

// The scenario file's line `number`.
std::string scenario_line(const std::string& uri, int number) {
  std::ifstream file(std::string(INTERLEAVE_SOURCE_DIR "/") + uri);
  std::string text;
  for (int line = 1; std::getline(file, text); ++line)
    if (line == number) return text;
  return "<no line " + std::to_string(number) + " in " + uri + ">";
}

const json* result_for(const json& log, const std::string& variant) {
  for (const auto& result : log["runs"][0]["results"])
    if (result["properties"]["variant"] == variant) return &result;
  return nullptr;
}

// The source line a SARIF location points at, with its uri checked.
std::string line_at(const json& location, const std::string& uri) {
  const json& physical = location["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], uri);
  EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "SRCROOT");
  return scenario_line(uri, physical["region"]["startLine"].get<int>());
}

// The bank account's variants: a race (unlocked), a lost check
// (check_then_act), a deadlock (transfer_lock_order) and correct twins.
class BankAccountSarif : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { log_ = new json(sarif_of("run 'bank_account/*'", "bank_account")); }
  static void TearDownTestSuite() {
    delete log_;
    log_ = nullptr;
  }
  static const json& log() { return *log_; }

 private:
  static json* log_;
};
json* BankAccountSarif::log_ = nullptr;

TEST_F(BankAccountSarif, IsASarif210LogWithRulesForEveryVerdict) {
  EXPECT_EQ(log()["version"], "2.1.0");
  ASSERT_EQ(log()["runs"].size(), 1u);
  const json& run = log()["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "interleave");
  std::set<std::string> rules;
  for (const auto& rule : driver["rules"]) {
    rules.insert(rule["id"].get<std::string>());
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
  }
  for (const char* verdict : {"race", "invariant", "deadlock", "lock_order_inversion", "not_linearizable"})
    EXPECT_TRUE(rules.contains(verdict)) << verdict;
  const std::string root = run["originalUriBaseIds"]["SRCROOT"]["uri"];
  EXPECT_TRUE(root.starts_with("file:///")) << root;
  EXPECT_TRUE(root.ends_with("/")) << root;
  for (const auto& result : run["results"]) {
    EXPECT_EQ(result["level"], "error");
    EXPECT_EQ(driver["rules"][result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
  }
}

TEST_F(BankAccountSarif, OneResultPerBugAndNoneForTheCorrectVariants) {
  std::set<std::string> variants;
  for (const auto& result : log()["runs"][0]["results"]) variants.insert(result["properties"]["variant"]);
  EXPECT_EQ(variants, (std::set<std::string>{"unlocked", "check_then_act", "transfer_lock_order"}));
  EXPECT_EQ(log()["runs"][0]["results"].size(), 3u);
}

TEST_F(BankAccountSarif, ARaceIsAtOneAccessWithTheOtherAsRelatedLocation) {
  const json* race = result_for(log(), "unlocked");
  ASSERT_NE(race, nullptr);
  EXPECT_EQ((*race)["ruleId"], "race");
  ASSERT_EQ((*race)["locations"].size(), 1u);
  ASSERT_GE((*race)["relatedLocations"].size(), 1u);
  const std::string uri = "scenarios/bank_account.cpp";
  const std::string racing = line_at((*race)["locations"][0], uri);
  const std::string other = line_at((*race)["relatedLocations"][0], uri);
  // Both are accesses to the balance, at least one a write, as the scenario has them.
  for (const auto& line : {racing, other})
    EXPECT_TRUE(line.find("balance_.read()") != std::string::npos || line.find("balance_.write(") != std::string::npos)
        << line;
  EXPECT_TRUE(racing.find("balance_.write(") != std::string::npos || other.find("balance_.write(") != std::string::npos)
      << racing << " / " << other;
  // The lines are the ones the race detector named: later first, then earlier.
  const auto details = (*race)["properties"]["details"];
  ASSERT_EQ(details.size(), 2u);
  const int later = (*race)["locations"][0]["physicalLocation"]["region"]["startLine"];
  const int earlier = (*race)["relatedLocations"][0]["physicalLocation"]["region"]["startLine"];
  EXPECT_TRUE(details[1].get<std::string>().ends_with("bank_account.cpp:" + std::to_string(later))) << details[1];
  EXPECT_TRUE(details[0].get<std::string>().ends_with("bank_account.cpp:" + std::to_string(earlier))) << details[0];
  // GitHub shows a related location where the message links to its id.
  const std::string text = (*race)["message"]["text"];
  EXPECT_NE(text.find("](1)"), std::string::npos) << text;
  EXPECT_EQ((*race)["relatedLocations"][0]["id"], 1);
}

TEST_F(BankAccountSarif, ARaceCarriesItsInterleavingAsOneThreadFlowPerTask) {
  const json* race = result_for(log(), "unlocked");
  ASSERT_NE(race, nullptr);
  ASSERT_EQ((*race)["codeFlows"].size(), 1u);
  const json& flows = (*race)["codeFlows"][0]["threadFlows"];
  std::set<std::string> tasks;
  std::vector<int> orders;
  std::string last_step;
  int last_order = 0;
  for (const auto& flow : flows) {
    tasks.insert(flow["id"].get<std::string>());
    ASSERT_FALSE(flow["locations"].empty());
    int previous = 0;
    for (const auto& step : flow["locations"]) {
      const int order = step["executionOrder"];
      EXPECT_GT(order, previous) << "a task's steps are in order";
      previous = order;
      orders.push_back(order);
      const json& location = step["location"];
      EXPECT_FALSE(location["message"]["text"].get<std::string>().empty());
      if (location.contains("physicalLocation"))
        EXPECT_GT(location["physicalLocation"]["region"]["startLine"].get<int>(), 0);
      if (order > last_order) {
        last_order = order;
        last_step = location["message"]["text"];
      }
    }
  }
  EXPECT_TRUE(tasks.contains("main"));
  EXPECT_TRUE(tasks.contains("worker0"));
  EXPECT_TRUE(tasks.contains("worker1"));
  // executionOrder keeps the whole interleaving's order: 1..N, each step once.
  std::sort(orders.begin(), orders.end());
  for (std::size_t i = 0; i < orders.size(); ++i) EXPECT_EQ(orders[i], static_cast<int>(i + 1));
  EXPECT_EQ(last_step, "race on balance.");
}

TEST_F(BankAccountSarif, ADeadlockIsAtAnAcquisitionWithTheOthersRelated) {
  const json* deadlock = result_for(log(), "transfer_lock_order");
  ASSERT_NE(deadlock, nullptr);
  EXPECT_EQ((*deadlock)["ruleId"], "deadlock");
  const std::string uri = "scenarios/bank_account.cpp";
  EXPECT_NE(line_at((*deadlock)["locations"][0], uri).find("ScopedLock hold_second"), std::string::npos);
  bool first_lock_related = false;
  for (const auto& related : (*deadlock)["relatedLocations"]) {
    const auto& artifact = related["physicalLocation"]["artifactLocation"];
    if (artifact["uri"] == uri)
      first_lock_related =
          first_lock_related ||
          scenario_line(uri, related["physicalLocation"]["region"]["startLine"]).find("ScopedLock hold_first") !=
              std::string::npos;
  }
  EXPECT_TRUE(first_lock_related) << (*deadlock)["relatedLocations"].dump(2);
  ASSERT_EQ((*deadlock)["codeFlows"].size(), 1u);
  EXPECT_GE((*deadlock)["codeFlows"][0]["threadFlows"].size(), 2u);
}

TEST(Sarif, ACleanRunWritesAnEmptyResultsArray) {
  const json log = sarif_of("run bank_account/locked --schedules 200", "clean");
  ASSERT_EQ(log["runs"].size(), 1u);
  ASSERT_TRUE(log["runs"][0]["results"].is_array());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
}

TEST(Sarif, ReplayReportsTheBugItReproduces) {
  const json found = sarif_of("run counter/unsynchronized", "counter");
  const json* race = result_for(found, "unsynchronized");
  ASSERT_NE(race, nullptr);
  const std::string token = (*race)["properties"]["replay"];
  const json replayed = sarif_of("replay " + token, "replayed");
  ASSERT_EQ(replayed["runs"][0]["results"].size(), 1u);
  const json& result = replayed["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "race");
  EXPECT_EQ(result["locations"], (*race)["locations"]);
  EXPECT_EQ(result["codeFlows"][0]["threadFlows"], (*race)["codeFlows"][0]["threadFlows"]);
}

TEST(Sarif, LincheckReportsANonLinearizableHistoryAtItsScenario) {
  const json log = sarif_of("lincheck bounded_queue/close_without_notify", "lincheck");
  ASSERT_EQ(log["runs"][0]["results"].size(), 1u) << log.dump(2);
  const json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "scenarios/bounded_queue.cpp");
}

TEST(Sarif, OnlyOneReportMayTakeStdout) {
  const Command both = run_shell("'" INTERLEAVE_BINARY "' run counter/unsynchronized --json - --sarif -");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.output, "interleave: only one report can go to stdout ('-')\n");
  const Command sarif_only = run_shell("('" INTERLEAVE_BINARY "' run counter/unsynchronized --sarif - 2>/dev/null)");
  EXPECT_EQ(json::parse(sarif_only.output)["runs"][0]["results"].size(), 1u);
}

// Microsoft's SARIF Multitool: the logs above are valid SARIF 2.1.0.
bool multitool_required() {
  const char* required = std::getenv("INTERLEAVE_REQUIRE_SARIF_TOOL");
  return required != nullptr && std::string(required) == "1";
}

void expect_valid(const std::string& args, const std::string& name) {
  // The environment's INTERLEAVE_SARIF_MULTITOOL, else the one the build was configured with.
  const char* chosen = std::getenv("INTERLEAVE_SARIF_MULTITOOL");
  const std::filesystem::path tool = chosen != nullptr ? chosen : INTERLEAVE_SARIF_MULTITOOL;
  if (access(tool.c_str(), X_OK) != 0) {
    if (multitool_required()) FAIL() << tool << " is missing: run ci/setup.sh (INTERLEAVE_REQUIRE_SARIF_TOOL=1 is set)";
    GTEST_SKIP() << tool << " is missing: run ci/setup.sh to install the SARIF Multitool";
  }
  const auto path = temp_sarif(name);
  const Command produced =
      run_shell(std::string("'" INTERLEAVE_BINARY "' ") + args + " --sarif '" + path.string() + "'");
  ASSERT_TRUE(std::filesystem::exists(path)) << produced.output;
  // The Multitool exits 0 whatever it finds: its own SARIF log says.
  const auto findings = temp_sarif(name + "-validation");
  const Command validated = run_shell("'" + tool.string() + "' validate '" + path.string() + "' --output '" +
                                      findings.string() + "' --log ForceOverwrite");
  EXPECT_EQ(validated.exit_code, 0) << validated.output;
  EXPECT_NE(validated.output.find("Analysis completed successfully"), std::string::npos) << validated.output;
  EXPECT_EQ(validated.output.find(": error "), std::string::npos) << validated.output;
  const json report = read_json(findings);
  int errors = 0;
  for (const auto& finding : report["runs"][0]["results"]) errors += finding.value("level", "warning") == "error";
  EXPECT_EQ(errors, 0) << validated.output;
  std::filesystem::remove(path);
  std::filesystem::remove(findings);
}

TEST(SarifMultitool, ValidatesARunWithRacesAndDeadlocks) { expect_valid("run 'bank_account/*'", "validate-bugs"); }
TEST(SarifMultitool, ValidatesACleanRun) { expect_valid("run bank_account/locked --schedules 200", "validate-clean"); }
TEST(SarifMultitool, ValidatesALincheckRun) {
  expect_valid("lincheck bounded_queue/close_without_notify", "validate-lincheck");
}

}  // namespace
