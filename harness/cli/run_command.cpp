#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/selection.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

ExploreOptions explore_options(const RunOptions& options) {
  ExploreOptions explore;
  explore.engine = *parse_engine(options.engine_name);
  explore.strategy = *parse_strategy(options.strategy_name);
  explore.schedules = static_cast<std::uint64_t>(options.schedules);
  explore.seed = options.seed;
  explore.max_steps = static_cast<std::uint64_t>(options.max_steps);
  explore.noise = options.noise;
  explore.hang_timeout = std::chrono::milliseconds(options.hang_timeout_ms);
  return explore;
}

// A command line that reaches the same verdict again: the failing seed as
// the first and only schedule, with the same parameters.
std::string reproduce_command(const report::VariantReport& report, const Scenario& scenario,
                              const RunOptions& options) {
  std::string command = fmt::format("interleave run {} --engine {} --seed {} --schedules 1", report.full_name(),
                                    to_string(report.engine), *report.result.failing_seed);
  for (const auto& [key, value] : report.params.values())
    if (scenario.defaults[key] != value) command += fmt::format(" --set {}={}", key, value);
  if (options.max_steps != RunOptions{}.max_steps) command += fmt::format(" --max-steps {}", options.max_steps);
  if (report.engine == EngineKind::threads)
    command += fmt::format(" --noise {}   (threads: the seed fixes the noise, not the OS schedule)", options.noise);
  return command;
}

void write_json(const std::string& path, const std::vector<report::VariantReport>& reports, std::ostream& out) {
  std::string json = report::to_json(reports) + "\n";
  if (path == "-") {
    out << json;
    return;
  }
  std::ofstream file(path);
  if (!file || !(file << json)) throw UsageError(fmt::format("cannot write JSON to '{}'", path));
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
  if (!options.json_path.empty() && options.json_path != "-") {
    std::ofstream probe(options.json_path, std::ios::app);
    if (!probe) throw UsageError(fmt::format("cannot write JSON to '{}'", options.json_path));
  }

  // With JSON on stdout the human table moves to stderr, so stdout stays parseable.
  std::ostream& table = options.json_path == "-" ? err : out;
  const bool show_progress = isatty(STDERR_FILENO) && &err == &std::cerr;
  ExploreOptions explore_base = explore_options(options);

  std::vector<report::VariantReport> reports;
  report::print_table_header(table);
  auto started = std::chrono::steady_clock::now();
  for (const auto& [scenario, variant] : selected) {
    report::VariantReport report;
    report.scenario = scenario->name;
    report.variant = variant->name;
    report.engine = explore_base.engine;
    report.expected = variant->expected;
    report.params = apply_overrides(*scenario, overrides);
    ExploreOptions explore = explore_base;
    if (show_progress)
      explore.progress = [&](std::uint64_t done) {
        fmt::print(err, "\r  {}: {} of {} schedules...", report.full_name(), done, explore.schedules);
        err.flush();
      };
    const Params& params = report.params;
    report.result = interleave::explore(explore, [&] { variant->body(params); });
    if (show_progress) fmt::print(err, "\r\033[K");
    report.matched = variant->matches(report.result.verdict);
    if (report.result.failing_seed) report.reproduce = reproduce_command(report, *scenario, options);
    report::print_table_row(table, report);
    table.flush();
    reports.push_back(std::move(report));
  }
  report::print_summary(table, reports,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (!options.json_path.empty()) write_json(options.json_path, reports, out);

  for (const auto& report : reports)
    if (!report.matched) return kMismatch;
  return kAllMatched;
}

}  // namespace interleave::cli
