// Bad input, one test per class issue 14 found by generated invocations:
// every usage error is exit code 2 and exactly one line on stderr, printed
// before anything else (nothing on stdout, no table header on stderr).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_runner.hpp"
#include "explore/replay_token.hpp"

namespace interleave::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::run;
using ::testing::StartsWith;

void expect_usage_error(const testing::CliRun& result, const std::string& text) {
  EXPECT_EQ(result.exit_code, kUsageError) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, StartsWith("interleave: "));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.err.back(), '\n');
  EXPECT_THAT(result.err, HasSubstr(text));
}

std::string token_with(const std::string& scenario, const std::string& variant, Params params,
                       EngineKind engine = EngineKind::fiber) {
  exploration::ReplayToken token;
  token.scenario = scenario;
  token.variant = variant;
  token.engine = engine;
  token.strategy = "dfs";
  token.seed = 1;
  token.verdict = Verdict::race;
  token.params = std::move(params);
  token.schedule = {1, 0, 0};
  return exploration::encode_token(token);  // a valid checksum: the parameters are reached
}

std::string write_file(const std::string& name, const std::string& contents) {
  const auto path = std::filesystem::path(::testing::TempDir()) / ("interleave-bad-input-" + name);
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

// The options of a trace entry as `run --trace` writes them, with `field`'s
// JSON text replaced (an empty one: left out).
std::string options_with(const std::string& field, const std::string& value) {
  const std::pair<std::string, std::string> fields[] = {
      {"race_detection", "true"}, {"lock_order", "true"},     {"spurious_wakeups", "1"},
      {"max_steps", "100000"},    {"blocked_loop_ms", "100"},
  };
  std::string options;
  for (const auto& [key, json] : fields)
    if (key != field || !value.empty())
      options += (options.empty() ? "" : ", ") + ("\"" + key + "\": " + (key == field ? value : json));
  return "{" + options + "}";
}

// A trace file of one entry as `run --trace` writes it, with `field`'s JSON text replaced.
std::string trace_with(const std::string& field, const std::string& value) {
  const std::pair<std::string, std::string> fields[] = {
      {"scenario", "\"counter\""},
      {"variant", "\"unsynchronized\""},
      {"engine", "\"fiber\""},
      {"verdict", "\"race\""},
      {"seed", "1"},
      {"params", R"({"workers": 2, "iterations": 3})"},
      {"schedule", "[1, 0, 0]"},
      {"options", options_with("max_steps", "100000")},
  };
  std::string entry;
  for (const auto& [key, json] : fields)
    entry += (entry.empty() ? "" : ", ") + ("\"" + key + "\": " + (key == field ? value : json));
  return R"({"interleave_trace": 1, "traces": [{)" + entry + "}]}";
}

TEST(CliBadInput, FloatingOptionsMustBeFiniteNumbers) {
  expect_usage_error(run({"bench", "--min-time", "nan"}), "--min-time: 'nan' is not a finite number in 0.001..60");
  expect_usage_error(run({"bench", "--min-time", "inf"}), "--min-time: 'inf' is not a finite number");
  expect_usage_error(run({"run", "counter/locked", "--budget", "nan"}), "--budget: 'nan' is not a finite number");
  expect_usage_error(run({"run", "counter/locked", "--budget", "-inf"}), "--budget: '-inf' is not a finite number");
  expect_usage_error(run({"run", "counter/locked", "--noise", "nan"}), "--noise: 'nan' is not a finite number in 0..1");
  expect_usage_error(run({"run", "counter/locked", "--noise", "infinity"}), "--noise: 'infinity' is not a finite");
  expect_usage_error(run({"run", "counter/locked", "--seed", "-1"}), "--seed: '-1' is not a whole number >= 0");
}

TEST(CliBadInput, HelpStillDescribesTheCheckedOptions) {
  auto result = run({"run", "--help"});
  EXPECT_EQ(result.exit_code, kAllMatched);
  EXPECT_THAT(result.out, HasSubstr("FLOAT in [0 - 1]"));
  EXPECT_THAT(result.out, HasSubstr("FLOAT in [0.001 - 31536000]"));
  EXPECT_THAT(result.out, HasSubstr("--seed UINT "));
  EXPECT_THAT(run({"bench", "--help"}).out, HasSubstr("FLOAT in [0.001 - 60]"));
}

TEST(CliBadInput, SetIsCheckedAgainstTheParametersRange) {
  expect_usage_error(run({"run", "poison_pill/processes", "--set", "workers=0"}),
                     "--set: workers=0 is outside 1..256, the range of poison_pill's workers");
  expect_usage_error(run({"run", "counter", "--set", "workers=100000"}), "outside 1..256");
  expect_usage_error(run({"run", "crawler", "--set", "pages=0"}), "outside 1..10000");
  expect_usage_error(run({"run", "counter", "--set", "iterations=-1"}), "outside 0..10000");
}

TEST(CliBadInput, TokenParametersAreCheckedAgainstTheSameRanges) {
  const auto huge = token_with("counter", "unsynchronized", Params({{"workers", 100'000}, {"iterations", 3}}));
  expect_usage_error(run({"replay", huge.c_str()}),
                     "replay token: workers=100000 is outside 1..256, the range of counter's workers");
  const auto negative = token_with("counter", "unsynchronized", Params({{"workers", -1}}));
  expect_usage_error(run({"replay", negative.c_str()}), "replay token: workers=-1 is outside 1..256");
  const auto unknown = token_with("counter", "unsynchronized", Params({{"bogus", 1}}));
  expect_usage_error(run({"replay", unknown.c_str()}), "'bogus' is not a parameter of counter");
}

TEST(CliBadInput, ATokenNamesOneConcreteVariant) {
  for (const auto& [scenario, variant] : {std::pair{"counter", "*"}, {"counter", "unsynchroni?ed"}, {"*", "*"}}) {
    const auto token = token_with(scenario, variant, Params());
    expect_usage_error(run({"replay", token.c_str()}),
                       std::string("no variant named '") + scenario + "/" + variant + "'");
  }
}

TEST(CliBadInput, ATokenNamesAFiberVariant) {
  const auto token = token_with("poison_pill", "processes", Params());
  expect_usage_error(run({"replay", token.c_str()}), "poison_pill/processes does not run on the fiber engine");
}

TEST(CliBadInput, TraceFileNumbersMustBeIntegers) {
  const std::string base = trace_with("seed", "1");
  ASSERT_EQ(run({"replay", write_file("good.json", base).c_str()}).exit_code, kAllMatched) << base;
  const std::pair<std::string, std::string> cases[] = {
      {trace_with("seed", "1e29"), "\"seed\" 1e+29 is not a whole number"},
      {trace_with("seed", "1.5"), "\"seed\" 1.5 is not a whole number"},
      {trace_with("seed", "-1"), "\"seed\" -1 is outside 0..18446744073709551615"},
      {trace_with("params", R"({"workers": 2.0})"), "parameter 'workers' 2.0 is not a whole number"},
      {trace_with("params", R"({"workers": 100000})"), "workers=100000 is outside 1..256"},
      {trace_with("params", R"({"workers": 1e300})"), "parameter 'workers' 1e+300 is not a whole number"},
      {trace_with("schedule", "[1, 0.5]"), "task id 0.5 is not a whole number"},
      {trace_with("schedule", "[1, 4294967296]"), "task id 4294967296 is outside 0..2147483647"},
      {trace_with("schedule", "[-1]"), "task id -1 is outside 0..2147483647"},
      {trace_with("options", options_with("race_detection", "1")),
       "\"options\".\"race_detection\" is not true or false"},
      {trace_with("options", options_with("max_steps", "0")), "\"options\".\"max_steps\" 0 is outside 1..1000000000"},
      {trace_with("options", options_with("lock_order", "")), "\"options\" has no \"lock_order\""},
      {trace_with("options", "[]"), "\"options\" is not an object"},
  };
  for (const auto& [contents, message] : cases)
    expect_usage_error(run({"replay", write_file("numbers.json", contents).c_str()}), message);
}

TEST(CliBadInput, ErrorsComeBeforeTheTable) {
  const auto threads = token_with("counter", "unsynchronized", Params(), EngineKind::threads);
  const auto unknown = token_with("counter", "unsynchronized", Params({{"bogus", 1}}));
  const auto glob = token_with("counter", "*", Params());
  for (const auto& token : {threads, unknown, glob}) {
    auto result = run({"replay", token.c_str(), "--json", "-"});
    expect_usage_error(result, "");
    EXPECT_THAT(result.err, Not(HasSubstr("scenario/variant"))) << "no table header before the error";
  }
  expect_usage_error(run({"run", "counter", "--set", "workers=0", "--json", "-"}), "outside 1..256");
}

TEST(CliBadInput, EchoedInputStaysOneLine) {
  expect_usage_error(run({"replay", "foo\nbar"}), "no such file: 'foo\\nbar'");
  expect_usage_error(run({"run", "counter", "--set", "work\ners=3"}), "--set work\\ners: no selected scenario");
  expect_usage_error(run({"run", "count\ner"}), "no scenario or variant matches 'count\\ner'");
  expect_usage_error(run({"run", "counter", "--shard", "1\r/2"}), "got '1\\r/2'");
  expect_usage_error(run({"run", "counter", "--json", "/nonexistent-dir/a\nb"}),
                     "cannot write '/nonexistent-dir/a\\nb'");
  expect_usage_error(run({"run", "counter", "--engine", "fi\nber"}), "--engine");
  expect_usage_error(run({"list", "extra\nargument"}), "extra\\nargument");
}

TEST(CliBadInput, AVeryLongArgumentIsUsageError) {
  const std::string long_argument(5'000, 'a');
  auto result = run({"replay", long_argument.c_str()});
  expect_usage_error(result, "no such file: 'aaa");
  expect_usage_error(result, "... (5000 characters)' (expected a trace file from `run --trace`, or a replay token");
  EXPECT_LT(result.err.size(), 300u);
}

TEST(CliBadInput, AnyFileContentIsUsageError) {
  std::string binary;
  for (int i = 0; i < 2'560; ++i) binary += static_cast<char>(i % 256);
  const std::pair<std::string, std::string> cases[] = {
      {"", "is not a trace file"},
      {binary, "is not a trace file"},
      {"\xff\xfe{\"traces\": []}", "is not a trace file"},
      {std::string(100'000, '[') + std::string(100'000, ']'), "is not a trace file (no \"traces\" array)"},
      {"{\"traces\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}", "trace 1 is not an object"},
      {R"({"traces": []})", "holds no failing schedule"},
      {R"({"traces": {}})", "no \"traces\" array"},
      {R"({"traces": [{}]})", "trace 1 has no \"scenario\""},
      {trace_with("scenario", "5"), "\"scenario\" is not a string"},
      {trace_with("engine", "\"steam\""), "unknown engine 'steam'"},
      {trace_with("verdict", "null"), "\"verdict\" is not a string"},
      {trace_with("params", "[1]"), "\"params\" is not an object"},
      {trace_with("schedule", "{\"a\": 1}"), "\"schedule\" is not an array"},
      {trace_with("engine", "\"threads\""), "only fiber-engine schedules can be replayed"},
      {trace_with("scenario", "\"counter\\n\""), "no variant named 'counter\\n/unsynchronized'"},
      {"{\"traces\": [\"" + std::string(10'000, 'x') + "\n\"]}", "is not a trace file"},
  };
  for (const auto& [contents, message] : cases)
    expect_usage_error(run({"replay", write_file("content.json", contents).c_str()}), message);
}

}  // namespace
}  // namespace interleave::cli
