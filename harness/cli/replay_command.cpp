#include <fmt/format.h>
#include <fmt/ostream.h>

#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/printable.hpp"
#include "cli/selection.hpp"
#include "cli/terminal.hpp"
#include "cli/trace_file.hpp"
#include "explore/replay_token.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

using exploration::ReplayToken;

std::vector<ReplayToken> tokens_from(const std::string& argument) {
  if (argument.starts_with("il2:") || argument.starts_with("il1:")) {
    try {
      return {exploration::decode_token(argument)};
    } catch (const std::invalid_argument& error) {
      throw UsageError(fmt::format("malformed replay token: {}", clipped(error.what(), 300)));
    }
  }
  std::error_code error;  // a name too long for a file is not a file
  const auto status = std::filesystem::status(argument, error);
  if (std::filesystem::is_regular_file(status)) return read_trace_file(argument);
  if (std::filesystem::exists(status))
    throw UsageError(fmt::format("{} is not a file (a trace file, or a replay token il2:...)", echoed(argument)));
  throw UsageError(fmt::format("no such file: {} (expected a trace file from `run --trace`, or a replay token il2:...)",
                               echoed(argument)));
}

// A recorded schedule with the variant and parameters it names, all checked
// before anything is printed.
struct Replay {
  const ReplayToken* token;
  const Scenario* scenario;
  const Variant* variant;
  Params params;
};

Replay prepare(const std::vector<Scenario>& catalog, const ReplayToken& token, std::string_view source,
               std::string_view program) {
  const auto [scenario, variant] = find_variant(catalog, token.scenario, token.variant, program);
  if (token.engine != EngineKind::fiber) throw UsageError("only fiber-engine schedules can be replayed");
  if (!variant->runs_on(EngineKind::fiber))
    throw UsageError(fmt::format("{}/{} does not run on the fiber engine, so it has no schedule to replay",
                                 scenario->name, variant->name));
  Params params = scenario->defaults;
  for (const auto& [key, value] : token.params.values()) {
    if (!params.has(key))
      throw UsageError(fmt::format("{}: {} is not a parameter of {}", source, echoed(key), scenario->name));
    check_parameter(*scenario, key, value, source);
    params.set(key, value);
  }
  return {&token, scenario, variant, std::move(params)};
}

}  // namespace

int replay_command(const ReplayOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                   std::ostream& err) {
  const auto tokens = tokens_from(options.token_or_file);
  const std::string source = options.token_or_file.starts_with("il") && options.token_or_file.find(':') == 3
                                 ? "replay token"
                                 : echoed(options.token_or_file);
  std::vector<Replay> replays;
  for (const auto& token : tokens) replays.push_back(prepare(catalog, token, source, options.program));
  probe_writable(options.json_path);

  std::ostream& table = options.json_path == "-" ? err : out;
  std::vector<report::PlannedRow> rows;
  for (const Replay& prepared : replays)
    rows.push_back(
        {prepared.scenario->name + "/" + prepared.variant->name, EngineKind::fiber, prepared.variant->expected});
  const report::VariantTable variant_table(rows, text_layout_of(table));
  std::vector<report::VariantReport> reports;
  bool all_reproduced = true;
  variant_table.print_heading(table);
  for (const Replay& prepared : replays) {
    const ReplayToken& token = *prepared.token;
    const Variant* variant = prepared.variant;
    report::VariantReport report;
    report.program = options.program;
    report.scenario = prepared.scenario->name;
    report.variant = variant->name;
    report.engine = token.engine;
    report.strategy = replay(token.schedule);
    report.expected = variant->expected;
    report.params = prepared.params;
    report.schedule_options = token.options;

    ExploreOptions explore;

    explore.environment_overrides = false;  // the command line says what to run
    token.options.apply_to(explore);
    explore.strategy = replay(token.schedule);
    explore.schedules = 1;
    explore.seed = token.seed;
    explore.shrink = false;
    report.result = interleave::explore(explore, [&] { variant->body(report.params); });
    report.matched = variant->matches(report.result.verdict);
    const bool reproduced = report.result.verdict == token.verdict;
    report.replay_check = report::VariantReport::ReplayCheck{token.verdict, reproduced, !report.result.diverged};
    variant_table.print_row(table, report);
    if (!token.options_recorded)
      fmt::print(table, "    options: not recorded (an older token or trace), replayed with the defaults\n");
    fmt::print(table, "    replay: recorded verdict {}, this run {}: {}\n", to_string(token.verdict),
               to_string(report.result.verdict), reproduced ? "reproduced" : "NOT reproduced");
    fmt::print(table, "    schedule: {}, {}\n", report::counted(token.schedule.size(), "decision"),
               report.result.diverged ? "NOT followed: the run left the recorded schedule (nondeterminism the "
                                        "harness does not control, or the scenario changed)"
                                      : "followed exactly");
    all_reproduced = all_reproduced && reproduced && !report.result.diverged;
    reports.push_back(std::move(report));
  }
  if (!options.json_path.empty()) write_output(options.json_path, report::to_json(reports), out);
  return all_reproduced ? kAllMatched : kMismatch;
}

}  // namespace interleave::cli
