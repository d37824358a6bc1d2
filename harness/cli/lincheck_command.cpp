// `interleave lincheck FILTER`: the catalog's lincheck variants, each over
// generated cases, with the smallest failing history of a finding.

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "cli/terminal.hpp"
#include "report/text_table.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct LincheckReport {
  const Scenario* scenario;
  const LincheckVariant* variant;
  LincheckOutcome outcome;
  bool matched = false;
  std::string replay;

  std::string full_name() const { return scenario->name + "/" + variant->name; }
};

LincheckRequest request_of(const LincheckOptions& options) {
  LincheckRequest request;
  request.explore.engine = *parse_engine(options.engine_name);
  request.explore.strategy = *parse_strategy(options.strategy_name);
  request.explore.schedules = static_cast<std::uint64_t>(options.schedules);
  request.explore.max_steps = static_cast<std::uint64_t>(options.max_steps);
  request.explore.detect_races = !options.no_race_detection;
  request.explore.detect_lock_order = !options.no_lock_order;
  // A race is the finding; what it leads to is `run`'s to show.
  request.explore.show_race_consequence = false;
  request.explore.environment_overrides = false;  // the command line says what to run
  request.explore.noise = options.noise;
  request.explore.hang_timeout = std::chrono::milliseconds(options.hang_timeout_ms);
  request.seed = options.seed;
  request.cases = static_cast<int>(options.cases);
  request.shrink = !options.no_shrink;
  return request;
}

// The failing case alone again: its seed fixes its scripts and its schedules.
std::string replay_command(const LincheckReport& report, const LincheckOptions& options) {
  const LincheckOptions defaults;
  std::string command = fmt::format("{} lincheck {} --seed {} --cases 1 --schedules {}", options.program,
                                    report.full_name(), *report.outcome.failing_case_seed, options.schedules);
  if (options.engine_name != defaults.engine_name) command += " --engine " + options.engine_name;
  if (options.strategy_name != defaults.strategy_name) command += " --strategy " + options.strategy_name;
  if (options.no_race_detection) command += " --no-race-detection";
  if (options.no_lock_order) command += " --no-lock-order";
  if (options.no_shrink) command += " --no-shrink";
  if (options.max_steps != defaults.max_steps) command += fmt::format(" --max-steps {}", options.max_steps);
  if (options.engine_name == "threads")
    command +=
        fmt::format(" --noise {}   (the seed fixes the cases and the noise, not the OS schedule)", options.noise);
  return command;
}

// Table lines are padded to their columns; the padding ends no line.
void print_lines(std::ostream& out, const std::vector<std::string>& lines) {
  for (const auto& line : lines) fmt::print(out, "      {}\n", line.substr(0, line.find_last_not_of(' ') + 1));
}

// The table's columns, sized for the variants selected, fitted to the layout.
report::TextTable lincheck_table(const std::vector<SelectedLincheckVariant>& selected, report::TextLayout layout) {
  std::size_t name = 0, expected = 0, verdict = std::string_view("not_linearizable").size();
  for (const auto& [scenario, variant] : selected) {
    name = std::max(name, scenario->name.size() + 1 + variant->name.size());
    expected = std::max(expected, report::expected_text(variant->expected).size());
    for (Verdict each : variant->expected) verdict = std::max(verdict, to_string(each).size());
  }
  return report::TextTable({{"lincheck variant", name},
                            {"expected", expected, false, true},
                            {"verdict", verdict},
                            {"match", 5},
                            {"cases", 5, true},
                            {"histories", 9, true},
                            {"histories/s", 11, true}},
                           layout);
}

void print_report(std::ostream& out, const report::TextTable& table, const LincheckReport& report) {
  const LincheckOutcome& outcome = report.outcome;
  const auto bad = fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
  const auto good = fmt::fg(fmt::terminal_color::green);
  out << table.row({{report.full_name()},
                    {report::expected_text(report.variant->expected)},
                    {std::string(to_string(outcome.verdict)), outcome.clean() ? good : bad},
                    {report.matched ? "yes" : "NO", report.matched ? good : bad},
                    {std::to_string(outcome.cases)},
                    {std::to_string(outcome.histories_checked)},
                    {fmt::format("{:.0f}", outcome.histories_per_second())}});
  if (!report.matched && !table.shows(1))
    fmt::print(out, "    expected: {}\n", report::expected_text(report.variant->expected));
  if (outcome.interrupted) fmt::print(out, "    interrupted after {} cases\n", outcome.cases);
  if (outcome.clean()) {
    fmt::print(out, "    {}, {}, {} checked in {:.2f} s\n", report::counted(outcome.cases, "case"),
               report::counted(outcome.schedules, "schedule"),
               report::counted(outcome.histories_checked, "history", "histories"), outcome.seconds);
    return;
  }
  out << report::wrapped(outcome.message, table.layout().width, "    ", "      ");
  fmt::print(out, "    operations per task: {} as first found (case {}, seed {}), {} after shrinking ({:.2f} s)\n",
             fmt::join(outcome.operations_found, ","), outcome.cases, *outcome.failing_case_seed,
             fmt::join(outcome.operations_shrunk, ","), outcome.shrink_seconds);
  if (outcome.preemptions_found > 0 || outcome.preemptions > 0)
    fmt::print(out, "    preemptions: {} as first found, {} after shrinking\n", outcome.preemptions_found,
               outcome.preemptions);
  fmt::print(out, "    the smallest case:\n");
  print_lines(out, outcome.script);
  if (!outcome.details.empty())
    fmt::print(out, "    {}:\n", outcome.verdict == Verdict::not_linearizable ? "its history" : "details");
  print_lines(out, outcome.details);
  out << report::wrapped("lesson: " + report.variant->lesson, table.layout().width, "    ", "      ");
  if (const LincheckVariant* twin = report.scenario->twin_of(*report.variant); twin && twin != report.variant)
    fmt::print(out, "    correct twin: {}/{}\n", report.scenario->name, twin->name);
  fmt::print(out, "    replay: {}\n", report.replay);
}

std::string to_json(const std::vector<LincheckReport>& reports) {
  auto records = nlohmann::json::array();
  for (const auto& report : reports) {
    const LincheckOutcome& outcome = report.outcome;
    nlohmann::json expected = nlohmann::json::array();
    for (Verdict verdict : report.variant->expected) expected.push_back(to_string(verdict));
    nlohmann::json record = {{"schema_version", report::kJsonSchemaVersion},
                             {"scenario", report.scenario->name},
                             {"variant", report.variant->name},
                             {"expected", expected},
                             {"verdict", to_string(outcome.verdict)},
                             {"matched", report.matched},
                             {"cases", outcome.cases},
                             {"schedules", outcome.schedules},
                             {"histories_checked", outcome.histories_checked},
                             {"seconds", outcome.seconds},
                             {"histories_per_second", outcome.histories_per_second()},
                             {"interrupted", outcome.interrupted}};
    if (!outcome.clean()) {
      record["message"] = outcome.message;
      record["details"] = outcome.details;
      record["failing_case_seed"] = *outcome.failing_case_seed;
      record["operations_found"] = outcome.operations_found;
      record["operations_shrunk"] = outcome.operations_shrunk;
      record["smallest_case"] = outcome.script;
      record["preemptions_found"] = outcome.preemptions_found;
      record["preemptions"] = outcome.preemptions;
      record["shrink_seconds"] = outcome.shrink_seconds;
      record["replay"] = report.replay;
    }
    records.push_back(std::move(record));
  }
  return records.dump(2);
}

}  // namespace

int lincheck_command(const LincheckOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                     std::ostream& err) {
  const auto selected = select_lincheck_variants(catalog, options.filter, options.program);
  probe_writable(options.json_path);
  // With JSON on stdout the human table moves to stderr, so stdout stays parseable.
  std::ostream& table = options.json_path == "-" ? err : out;
  LincheckRequest request = request_of(options);
  const InterruptScope interrupts;
  request.explore.interrupt = &interrupts.requested();

  fmt::print(table, "{} of {} per lincheck variant, seed {}, {} engine\n", report::counted(options.cases, "case"),
             report::counted(options.schedules, "schedule"), options.seed, options.engine_name);
  const report::TextTable lincheck_rows = lincheck_table(selected, text_layout_of(table));
  table << lincheck_rows.heading();
  table.flush();
  const auto started = Clock::now();
  std::vector<LincheckReport> reports;
  for (const auto& [scenario, variant] : selected) {
    if (interrupts.requested().load()) break;
    LincheckReport report{scenario, variant, variant->run(request), false, {}};
    report.matched = variant->matches(report.outcome.verdict) && !report.outcome.interrupted;
    if (report.outcome.failing_case_seed) report.replay = replay_command(report, options);
    print_report(table, lincheck_rows, report);
    table.flush();
    reports.push_back(std::move(report));
  }
  int matched = 0;
  for (const auto& report : reports) matched += report.matched ? 1 : 0;
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  fmt::print(table, "{} lincheck variant{}: {} matched, {} did not ({:.1f} s)\n", reports.size(),
             reports.size() == 1 ? "" : "s", matched, reports.size() - static_cast<std::size_t>(matched), seconds);
  if (!options.json_path.empty()) write_output(options.json_path, to_json(reports), out);
  if (interrupts.requested().load()) return kInterrupted;
  return matched == static_cast<int>(reports.size()) ? kAllMatched : kMismatch;
}

}  // namespace interleave::cli
