#include "cli/cli.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::cli {
namespace {

using testing::CliRun;
using testing::run;
using testing::run_with;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(Cli, UnknownScenarioIsOneLineAndExitTwo) {
  auto result = run({"run", "no_such_thing"});
  EXPECT_EQ(result.exit_code, kUsageError);
  EXPECT_EQ(line_count(result.err), 1) << result.err;
  EXPECT_TRUE(contains(result.err, "no_such_thing")) << result.err;
}

TEST(Cli, NegativeSchedulesIsOneLineAndExitTwo) {
  auto result = run({"run", "counter/locked", "--schedules", "-5"});
  EXPECT_EQ(result.exit_code, kUsageError);
  EXPECT_EQ(line_count(result.err), 1) << result.err;
}

TEST(Cli, UnknownEngineIsOneLineAndExitTwo) {
  auto result = run({"run", "counter/locked", "--engine", "warp"});
  EXPECT_EQ(result.exit_code, kUsageError);
  EXPECT_EQ(line_count(result.err), 1) << result.err;
  EXPECT_TRUE(contains(result.err, "warp")) << result.err;
}

TEST(Cli, BadSetValuesAreUsageErrors) {
  EXPECT_EQ(run({"run", "counter/locked", "--set", "workers"}).exit_code, kUsageError);
  EXPECT_EQ(run({"run", "counter/locked", "--set", "workers=many"}).exit_code, kUsageError);
  EXPECT_EQ(run({"run", "counter/locked", "--set", "workers=99999999"}).exit_code, kUsageError);
  EXPECT_EQ(run({"run", "counter/locked", "--set", "colour=3"}).exit_code, kUsageError);
}

TEST(Cli, MissingSubcommandIsAUsageError) { EXPECT_EQ(run({}).exit_code, kUsageError); }

TEST(Cli, HelpExitsZeroAndDocumentsExitCodes) {
  auto result = run({"--help"});
  EXPECT_EQ(result.exit_code, kAllMatched);
  EXPECT_TRUE(contains(result.out, "Exit codes")) << result.out;
}

TEST(Cli, ListShowsEveryVariantWithItsExpectation) {
  auto result = run({"list"});
  EXPECT_EQ(result.exit_code, kAllMatched);
  for (const auto& scenario : scenarios::catalog())
    for (const auto& variant : scenario.variants)
      EXPECT_TRUE(contains(result.out, scenario.name + "/" + variant.name)) << variant.name;
  EXPECT_TRUE(contains(result.out, "race|invariant"));
}

TEST(Cli, ListJsonCarriesParametersAndLessons) {
  auto result = run({"list", "--json"});
  auto records = nlohmann::json::parse(result.out);
  ASSERT_FALSE(records.empty());
  for (const auto& record : records) {
    EXPECT_TRUE(record["params"].is_object() && !record["params"].empty()) << record.dump();
    EXPECT_FALSE(record["lesson"].get<std::string>().empty()) << record.dump();
  }
}

TEST(Cli, FindingAnExpectedBugExitsZeroAndReportsIt) {
  auto result = run({"run", "bank_account/unlocked", "--engine", "fiber"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "race: on 'balance'")) << result.out;
  EXPECT_TRUE(contains(result.out, "reproduce: interleave replay il2:bank_account/unlocked:")) << result.out;
  EXPECT_TRUE(contains(result.out, "interleaving: ")) << result.out;
}

TEST(Cli, JsonRecordsHaveTheDocumentedFields) {
  auto result = run({"run", "bank_account/*", "--schedules", "500", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  auto records = nlohmann::json::parse(result.out);
  ASSERT_EQ(records.size(), 5u);
  for (const auto& record : records)
    for (const char* field :
         {"scenario", "variant", "engine", "expected", "verdict", "matched", "schedules", "seconds", "seed"})
      EXPECT_TRUE(record.contains(field)) << field << " missing in " << record.dump();
  EXPECT_TRUE(contains(result.err, "bank_account/locked")) << "the table moves to stderr";
}

TEST(Cli, SameSeedSameVerdictsAndSeeds) {
  // Everything but the clock: timings, and the milliseconds a blocked_loop
  // measured in real time.
  auto strip_timing = [](const std::string& json) {
    auto records = nlohmann::json::parse(json);
    for (auto& record : records) {
      for (const char* field : {"seconds", "schedules_per_second", "shrink_seconds"}) record.erase(field);
      if (record["verdict"] == "blocked_loop")
        for (const char* field : {"message", "events"}) record.erase(field);
    }
    return records;
  };
  const std::vector<const char*> args = {"run", "all",         "--engine", "fiber",  "--seed",
                                         "99",  "--schedules", "300",      "--json", "-"};
  auto first = run(args);
  auto second = run(args);
  EXPECT_EQ(strip_timing(first.out), strip_timing(second.out));
}

TEST(Cli, SetChangesTheScenarioSize) {
  auto result = run({"run", "counter/atomic_load_store", "--set", "workers=3", "--set", "iterations=4", "--json", "-"});
  auto records = nlohmann::json::parse(result.out);
  EXPECT_EQ(records[0]["params"]["workers"], 3);
  EXPECT_TRUE(contains(records[0]["message"].get<std::string>(), "expected 12")) << records[0].dump();
}

TEST(Cli, AMismatchExitsOne) {
  // Schedules are deterministic: with one iteration per worker, the single
  // random-walk schedule of seed 5 happens not to interleave the load and the
  // store, so the expected lost update is not found, and that is a mismatch.
  auto result = run({"run", "counter/atomic_load_store", "--strategy", "random", "--schedules", "1", "--seed", "5",
                     "--set", "iterations=1", "--json", "-"});
  auto records = nlohmann::json::parse(result.out);
  EXPECT_EQ(records[0]["verdict"], "clean");
  EXPECT_EQ(records[0]["matched"], false);
  EXPECT_EQ(result.exit_code, kMismatch);
}

std::string token_of(const std::string& json) { return nlohmann::json::parse(json)[0]["replay"].get<std::string>(); }

TEST(CliReplay, ATokenReproducesTheVerdictAndTheTimeline) {
  auto found = run({"run", "bank_account/check_then_act", "--json", "-"});
  ASSERT_EQ(found.exit_code, kAllMatched) << found.err;
  std::string token = token_of(found.out);
  auto first_events = nlohmann::json::parse(found.out)[0]["events"];
  ASSERT_FALSE(first_events.empty());

  auto replayed = run({"replay", token.c_str(), "--json", "-"});
  EXPECT_EQ(replayed.exit_code, kAllMatched) << replayed.err;
  auto record = nlohmann::json::parse(replayed.out)[0];
  EXPECT_EQ(record["verdict"], "invariant");
  EXPECT_EQ(record["events"], first_events) << "the same interleaving, event for event";
  EXPECT_TRUE(contains(replayed.err, "reproduced")) << replayed.err;
  EXPECT_TRUE(contains(replayed.err, "followed exactly")) << replayed.err;
}

// Every option that shapes a schedule travels in the token, and a replay
// without any flag applies it: the first and third verdicts exist only under
// their flags (with the defaults they would be race and clean).
TEST(CliReplay, ATokenFromEachModeReplaysWithItsOptions) {
  const std::vector<std::vector<const char*>> modes = {
      {"run", "counter/unsynchronized", "--no-race-detection", "--set", "workers=3"},  // invariant, not race
      {"run", "bank_account/transfer_lock_order", "--no-lock-order"},
      {"run", "counter/locked", "--max-steps", "10"},  // a hang only within 10 steps
      {"run", "dining_philosophers/naive", "--strategy", "pct:3", "--blocked-loop-ms", "0"},
  };
  const char* verdicts[] = {"invariant", "deadlock", "hang", "deadlock"};
  for (std::size_t i = 0; i < modes.size(); ++i) {
    std::vector<const char*> args = modes[i];
    args.insert(args.end(), {"--json", "-"});
    auto found = run(args);
    auto record = nlohmann::json::parse(found.out)[0];
    ASSERT_EQ(record["verdict"], verdicts[i]) << modes[i][1] << ": " << found.err;
    const std::string token = record["replay"].get<std::string>();
    EXPECT_EQ(record["reproduce"], "interleave replay " + token);
    auto replayed = run({"replay", token.c_str()});
    EXPECT_EQ(replayed.exit_code, kAllMatched) << token << "\n" << replayed.out;
    EXPECT_TRUE(contains(replayed.out, "this run " + std::string(verdicts[i]) + ": reproduced")) << replayed.out;
    EXPECT_TRUE(contains(replayed.out, "followed exactly")) << replayed.out;
  }
}

// A token from before the options were recorded still replays, and says so.
TEST(CliReplay, AnOldTokenReplaysWithTheDefaults) {
  auto replayed = run({"replay", "il1:counter/unsynchronized:fiber:random:1:race:iterations=3,workers=2:02:77bc3c4a"});
  EXPECT_EQ(replayed.exit_code, kAllMatched) << replayed.out << replayed.err;
  EXPECT_TRUE(contains(replayed.out, "options: not recorded")) << replayed.out;
}

TEST(CliReplay, ACorruptedTokenIsOneLineAndExitTwo) {
  auto found = run({"run", "counter/unsynchronized", "--json", "-"});
  std::string token = token_of(found.out);
  std::string corrupted = token;
  corrupted[corrupted.size() / 2] = corrupted[corrupted.size() / 2] == 'a' ? 'b' : 'a';
  for (const std::string& bad : {corrupted, token.substr(0, token.size() - 3), std::string("il1:nonsense")}) {
    auto result = run({"replay", bad.c_str()});
    EXPECT_EQ(result.exit_code, kUsageError) << bad;
    EXPECT_EQ(line_count(result.err), 1) << result.err;
  }
  EXPECT_EQ(run({"replay", "/no/such/file.json"}).exit_code, kUsageError);
}

TEST(CliReplay, ATraceFileReplaysEveryFailingSchedule) {
  std::string path = ::testing::TempDir() + "interleave_trace_test.json";
  auto found = run({"run", "bank_account/*", "--trace", path.c_str()});
  ASSERT_EQ(found.exit_code, kAllMatched) << found.err;
  auto replayed = run({"replay", path.c_str(), "--json", "-"});
  EXPECT_EQ(replayed.exit_code, kAllMatched) << replayed.err;
  auto records = nlohmann::json::parse(replayed.out);
  EXPECT_EQ(records.size(), 3u) << "one per broken bank_account variant";

  std::string garbage = ::testing::TempDir() + "interleave_not_a_trace.json";
  std::ofstream(garbage) << "{ not json";
  auto bad = run({"replay", garbage.c_str()});
  EXPECT_EQ(bad.exit_code, kUsageError);
  EXPECT_EQ(line_count(bad.err), 1) << bad.err;
}

TEST(Cli, RepeatReportsHowOftenTheExpectationIsMet) {
  auto result = run({"run", "counter/atomic_load_store", "--strategy", "pct:3", "--repeat", "5", "--json", "-"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  auto repeat = nlohmann::json::parse(result.out)[0]["repeat"];
  EXPECT_EQ(repeat["runs"], 5);
  EXPECT_EQ(repeat["matched"], 5);
  EXPECT_GE(repeat["median_schedules"].get<double>(), 1.0);
  EXPECT_EQ(run({"run", "counter/locked", "--repeat", "0"}).exit_code, kUsageError);
}

TEST(CliExplain, PrintsTheLessonTheTwinAndAShortTimeline) {
  auto result = run({"explain", "bounded_queue/if_not_while"});
  EXPECT_EQ(result.exit_code, kAllMatched) << result.err;
  EXPECT_TRUE(contains(result.out, "`if`, not `while`")) << result.out;
  EXPECT_TRUE(contains(result.out, "The correct twin, bounded_queue/correct")) << result.out;
  int rows = 0;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 6 && std::isdigit(static_cast<unsigned char>(line[3])) && contains(line, " | ")) ++rows;
  EXPECT_GT(rows, 3) << result.out;
  EXPECT_LE(rows, 15) << result.out;
  EXPECT_TRUE(contains(result.out, "check fails")) << result.out;
}

TEST(CliExplain, UnknownOrAmbiguousNamesAreUsageErrors) {
  EXPECT_EQ(run({"explain", "bounded_queue/nope"}).exit_code, kUsageError);
  EXPECT_EQ(run({"explain", "bounded_queue/*"}).exit_code, kUsageError);
}

TEST(Cli, ListShowsTheWholeCatalog) {
  auto result = run({"list"});
  EXPECT_TRUE(contains(result.out, "41 variants in 11 scenarios")) << result.out;
}

TEST(Cli, MalformedStrategyIsAUsageError) {
  for (const char* bad : {"pct", "pct:0", "pct:x", "dfs:-2", "bogus", "random:3"}) {
    auto result = run({"run", "counter/locked", "--strategy", bad});
    EXPECT_EQ(result.exit_code, kUsageError) << bad;
    EXPECT_EQ(line_count(result.err), 1) << result.err;
  }
}

}  // namespace
}  // namespace interleave::cli
