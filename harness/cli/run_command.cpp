#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "explore/replay_token.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

ExploreOptions explore_options(const RunOptions& options) {
  ExploreOptions explore;
  explore.engine = *parse_engine(options.engine_name);
  explore.strategy = *parse_strategy(options.strategy_name);
  explore.shrink = !options.no_shrink;
  explore.detect_races = !options.no_race_detection;
  explore.schedules = static_cast<std::uint64_t>(options.schedules);
  explore.seed = options.seed;
  explore.max_steps = static_cast<std::uint64_t>(options.max_steps);
  explore.noise = options.noise;
  explore.hang_timeout = std::chrono::milliseconds(options.hang_timeout_ms);
  return explore;
}

// A command line that reaches the same verdict again: for the fiber engine
// the replay token of the failing schedule; for threads the failing seed as
// the first and only schedule, with the same parameters.
std::string reproduce_command(const report::VariantReport& report, const Scenario& scenario,
                              const RunOptions& options) {
  if (!report.token.empty()) return "interleave replay " + report.token;
  std::string command = fmt::format("interleave run {} --engine {} --seed {} --schedules 1", report.full_name(),
                                    to_string(report.engine), *report.result.failing_seed);
  for (const auto& [key, value] : report.params.values())
    if (scenario.defaults[key] != value) command += fmt::format(" --set {}={}", key, value);
  if (options.max_steps != RunOptions{}.max_steps) command += fmt::format(" --max-steps {}", options.max_steps);
  if (report.engine == EngineKind::threads)
    command += fmt::format(" --noise {}   (threads: the seed fixes the noise, not the OS schedule)", options.noise);
  return command;
}

std::string replay_token_of(const report::VariantReport& report) {
  const ExploreResult& result = report.result;
  if (report.engine != EngineKind::fiber || !result.failing_seed || result.diverged) return {};
  exploration::ReplayToken token;
  token.scenario = report.scenario;
  token.variant = report.variant;
  token.engine = report.engine;
  token.strategy = to_string(report.strategy);
  token.seed = *result.failing_seed;
  token.verdict = result.verdict;
  token.params = report.params;
  token.schedule = result.failing_schedule;
  return exploration::encode_token(token);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// The same exploration from `runs` independent seeds (the first is `first`,
// already run): how often the expectation is met, and how fast.
report::VariantReport::Repetitions repeat_exploration(ExploreOptions explore, const std::function<void()>& body,
                                                      const Variant& variant, const ExploreResult& first,
                                                      std::int64_t runs) {
  constexpr std::uint64_t kSeedStride = 1'000'003;
  std::vector<double> schedules{static_cast<double>(first.schedules)};
  std::vector<double> seconds{first.seconds};
  int matched = variant.matches(first.verdict) ? 1 : 0;
  explore.shrink = false;  // only the first run's finding is shown
  const std::uint64_t base = explore.seed;
  for (std::int64_t k = 1; k < runs; ++k) {
    explore.seed = base + static_cast<std::uint64_t>(k) * kSeedStride;
    ExploreResult result = interleave::explore(explore, body);
    matched += variant.matches(result.verdict) ? 1 : 0;
    schedules.push_back(static_cast<double>(result.schedules));
    seconds.push_back(result.seconds);
  }
  return {static_cast<int>(runs), matched, median(schedules), median(seconds)};
}

}  // namespace

int run_command(const RunOptions& options, const std::vector<Scenario>& catalog, std::ostream& out, std::ostream& err) {
  auto selected = select_variants(catalog, options.filter);
  auto overrides = parse_overrides(options.assignments);
  for (const auto& [key, value] : overrides) {
    bool declared = false;
    for (const auto& choice : selected) declared = declared || choice.scenario->defaults.has(key);
    if (!declared) throw UsageError(fmt::format("--set {}: no selected scenario has a parameter '{}'", key, key));
  }
  probe_writable(options.json_path);
  probe_writable(options.trace_path);

  // With JSON on stdout the human table moves to stderr, so stdout stays parseable.
  std::ostream& table = options.json_path == "-" ? err : out;
  const bool show_progress = isatty(STDERR_FILENO) && &err == &std::cerr;
  ExploreOptions explore_base = explore_options(options);

  std::vector<report::VariantReport> reports;
  report::print_table_header(table);
  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> not_applicable;
  for (const auto& [scenario, variant] : selected) {
    EngineKind engine = explore_base.engine;
    if (!variant->runs_on(engine)) {
      if (options.engine_given) {
        not_applicable.push_back(fmt::format("{}/{}", scenario->name, variant->name));
        continue;
      }
      engine = variant->engines.front();
    }
    report::VariantReport report;
    report.scenario = scenario->name;
    report.variant = variant->name;
    report.engine = engine;
    report.strategy = explore_base.strategy;
    report.expected = variant->expected;
    report.params = apply_overrides(*scenario, overrides);
    ExploreOptions explore = explore_base;
    explore.engine = engine;
    if (show_progress)
      explore.progress = [&](std::uint64_t done) {
        fmt::print(err, "\r  {}: {} of {} schedules...", report.full_name(), done, explore.schedules);
        err.flush();
      };
    const Params& params = report.params;
    auto body = [&] { variant->body(params); };
    report.result = interleave::explore(explore, body);
    report.matched = variant->matches(report.result.verdict);
    if (options.repeat > 1)
      report.repetitions = repeat_exploration(explore, body, *variant, report.result, options.repeat);
    if (show_progress) fmt::print(err, "\r\033[K");
    if (report.repetitions) report.matched = report.repetitions->matched == report.repetitions->runs;
    report.token = replay_token_of(report);
    if (report.result.failing_seed) report.reproduce = reproduce_command(report, *scenario, options);
    report::print_table_row(table, report);
    table.flush();
    reports.push_back(std::move(report));
  }
  if (!not_applicable.empty())
    fmt::print(table, "not applicable on the {} engine ({}): {}\n", to_string(explore_base.engine),
               not_applicable.size(), fmt::join(not_applicable, ", "));
  report::print_summary(table, reports,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (!options.json_path.empty()) write_output(options.json_path, report::to_json(reports), out);
  if (!options.trace_path.empty()) write_output(options.trace_path, report::to_trace_json(reports), out);

  for (const auto& report : reports)
    if (!report.matched) return kMismatch;
  return kAllMatched;
}

}  // namespace interleave::cli
