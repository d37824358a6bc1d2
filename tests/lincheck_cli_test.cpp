// `interleave lincheck`: the table, a finding's smallest history, a replay
// line that runs the case again, JSON, and the exit codes.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"

namespace interleave::cli {
namespace {

using testing::run;
using testing::run_with;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// The lines of `text` from the first holding `from`, up to the next that starts a variant row.
std::string block(const std::string& text, const std::string& from) {
  const auto start = text.find(from);
  if (start == std::string::npos) return {};
  const auto end = text.find("\nbounded_queue/", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(LincheckCli, BoundedQueueFindsEveryBrokenVariantAndShowsItsHistory) {
  const auto result = run({"lincheck", "bounded_queue/*", "--schedules", "200", "--cases", "20"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "5 lincheck variants: 5 matched, 0 did not")) << result.out;
  EXPECT_TRUE(contains(result.out, "histories/s")) << result.out;
  EXPECT_TRUE(contains(result.out, "20 cases, 4000 schedules, 4000 histories checked")) << result.out;
  const std::string close = block(result.out, "bounded_queue/close_without_notify");
  EXPECT_TRUE(contains(close, "not_linearizable")) << close;
  EXPECT_TRUE(contains(close, "its history:")) << close;
  EXPECT_TRUE(contains(close, "get() never returns")) << close;
  EXPECT_TRUE(contains(close, "operations per task: ")) << close;
  EXPECT_TRUE(contains(close, "1,1 after shrinking")) << close;
  EXPECT_TRUE(contains(close, "replay: interleave lincheck bounded_queue/close_without_notify --seed ")) << close;
}

TEST(LincheckCli, TheReplayLineRunsTheSameCaseAgain) {
  const auto first = run({"lincheck", "counter/atomic_load_store", "--schedules", "200", "--cases", "20"});
  ASSERT_EQ(first.exit_code, kAllMatched) << first.out;
  const auto at = first.out.find("replay: interleave lincheck ");
  ASSERT_NE(at, std::string::npos) << first.out;
  std::istringstream words(first.out.substr(at + 19, first.out.find('\n', at) - at - 19));
  std::vector<std::string> args;
  for (std::string word; words >> word;) args.push_back(word);
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  const auto again = run(argv);
  EXPECT_EQ(again.exit_code, kAllMatched) << again.out;
  const std::string history = block(first.out, "its history:");
  ASSERT_FALSE(history.empty()) << first.out;
  EXPECT_TRUE(contains(again.out, history.substr(0, history.find("lesson:")))) << first.out << again.out;
}

TEST(LincheckCli, JsonOnStdoutHasARecordPerVariant) {
  const auto result = run({"lincheck", "resource_pool", "--schedules", "100", "--cases", "10", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  const auto records = nlohmann::json::parse(result.out);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["variant"], "semaphore");
  EXPECT_EQ(records[0]["verdict"], "clean");
  EXPECT_EQ(records[0]["histories_checked"], 1000);
  EXPECT_NE(records[1]["verdict"], "clean");
  EXPECT_TRUE(records[1]["matched"].get<bool>());
  EXPECT_FALSE(records[1]["operations_shrunk"].empty()) << records[1].dump();
  EXPECT_TRUE(contains(records[1]["replay"].get<std::string>(), "--cases 1")) << records[1].dump();
  EXPECT_TRUE(contains(result.err, "lincheck variant")) << "the table moved to stderr";
}

TEST(LincheckCli, AMismatchExitsOne) {
  LincheckOutcome bug;
  bug.verdict = Verdict::not_linearizable;
  bug.message = "not_linearizable: made up";
  bug.failing_case_seed = 7;
  Scenario scenario;
  scenario.name = "fake";
  scenario.summary = "a lincheck variant that is wrong about itself";
  scenario.lincheck.push_back(
      {"claims_clean", {Verdict::clean}, "lesson", [bug](const LincheckRequest&) { return bug; }});
  const auto result = run_with({scenario}, {"lincheck", "fake/*"});
  EXPECT_EQ(result.exit_code, kMismatch) << result.out;
  EXPECT_TRUE(contains(result.out, "NO")) << result.out;
  EXPECT_TRUE(contains(result.out, "replay: interleave lincheck fake/claims_clean --seed 7 --cases 1")) << result.out;
}

TEST(LincheckCli, BadInputIsOneLineAndExitTwo) {
  for (const auto& args : std::vector<std::vector<const char*>>{{"lincheck", "no_such/thing"},
                                                                {"lincheck", "counter/sharded"},
                                                                {"lincheck", "all", "--cases", "0"},
                                                                {"lincheck", "all", "--cases", "nan"},
                                                                {"lincheck", "all", "--schedules", "1e99"},
                                                                {"lincheck", "all", "--seed", "-1"},
                                                                {"lincheck", "all", "--engine", "tsan"},
                                                                {"lincheck"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, kUsageError) << args.back() << ": " << result.out;
    EXPECT_EQ(line_count(result.err), 1) << args.back() << ": " << result.err;
  }
}

TEST(LincheckCli, ListAndHelpShowIt) {
  const auto list = run({"list"});
  EXPECT_TRUE(contains(list.out, "lincheck variant (interleave lincheck)")) << list.out;
  EXPECT_TRUE(contains(list.out, "bounded_queue/single_condvar_notify_one")) << list.out;
  EXPECT_TRUE(contains(list.out, "14 lincheck variants in 4 scenarios")) << list.out;
  const auto help = run({"lincheck", "--help"});
  EXPECT_EQ(help.exit_code, kAllMatched);
  EXPECT_TRUE(contains(help.out, "--cases")) << help.out;
  EXPECT_TRUE(contains(help.out, "not_linearizable")) << help.out;
}

}  // namespace
}  // namespace interleave::cli
