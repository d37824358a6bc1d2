#include <fmt/format.h>
#include <fmt/ostream.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "explore/replay_token.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

using exploration::ReplayToken;

// A trace file written by `run --trace`: every failing schedule in it.
std::vector<ReplayToken> tokens_from_trace_file(const std::string& path) {
  std::ifstream file(path);
  nlohmann::json trace;
  try {
    trace = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& error) {
    throw UsageError(fmt::format("'{}' is not a trace file: {}", path, error.what()));
  }
  if (!trace.is_object() || !trace.contains("traces") || !trace["traces"].is_array())
    throw UsageError(fmt::format("'{}' is not a trace file (no \"traces\" array)", path));
  std::vector<ReplayToken> tokens;
  try {
    for (const auto& entry : trace["traces"]) {
      ReplayToken token;
      token.scenario = entry.at("scenario").get<std::string>();
      token.variant = entry.at("variant").get<std::string>();
      auto engine = parse_engine(entry.at("engine").get<std::string>());
      auto verdict = parse_verdict(entry.at("verdict").get<std::string>());
      if (!engine || !verdict) throw UsageError(fmt::format("'{}': unknown engine or verdict in a trace", path));
      token.engine = *engine;
      token.verdict = *verdict;
      token.seed = entry.at("seed").get<std::uint64_t>();
      for (const auto& [key, value] : entry.at("params").items()) token.params.set(key, value.get<std::int64_t>());
      token.schedule = entry.at("schedule").get<std::vector<int>>();
      tokens.push_back(std::move(token));
    }
  } catch (const nlohmann::json::exception& error) {
    throw UsageError(fmt::format("'{}': malformed trace: {}", path, error.what()));
  }
  if (tokens.empty()) throw UsageError(fmt::format("'{}' holds no failing schedule to replay", path));
  return tokens;
}

std::vector<ReplayToken> tokens_from(const std::string& argument) {
  if (argument.rfind("il1:", 0) == 0) {
    try {
      return {exploration::decode_token(argument)};
    } catch (const std::invalid_argument& error) {
      throw UsageError(fmt::format("malformed replay token: {}", error.what()));
    }
  }
  if (std::filesystem::is_regular_file(argument)) return tokens_from_trace_file(argument);
  throw UsageError(fmt::format("'{}' is neither a replay token (il1:...) nor a trace file", argument));
}

Params params_for(const Scenario& scenario, const ReplayToken& token) {
  Params params = scenario.defaults;
  for (const auto& [key, value] : token.params.values()) {
    if (!params.has(key))
      throw UsageError(fmt::format("the token sets '{}', which {} does not have", key, scenario.name));
    params.set(key, value);
  }
  return params;
}

}  // namespace

int replay_command(const ReplayOptions& options, const std::vector<Scenario>& catalog, std::ostream& out,
                   std::ostream& err) {
  auto tokens = tokens_from(options.token_or_file);
  probe_writable(options.json_path);
  std::ostream& table = options.json_path == "-" ? err : out;
  std::vector<report::VariantReport> reports;
  bool all_reproduced = true;
  report::print_table_header(table);
  for (const auto& token : tokens) {
    auto selected = select_variants(catalog, token.scenario + "/" + token.variant);
    const auto& [scenario, variant] = selected.front();
    if (token.engine != EngineKind::fiber) throw UsageError("only fiber-engine schedules can be replayed");

    report::VariantReport report;
    report.scenario = scenario->name;
    report.variant = variant->name;
    report.engine = token.engine;
    report.strategy = replay(token.schedule);
    report.expected = variant->expected;
    report.params = params_for(*scenario, token);

    ExploreOptions explore;
    explore.strategy = replay(token.schedule);
    explore.schedules = 1;
    explore.seed = token.seed;
    explore.shrink = false;
    const Params& params = report.params;
    report.result = interleave::explore(explore, [&] { variant->body(params); });
    report.matched = variant->matches(report.result.verdict);
    report::print_table_row(table, report);

    const bool reproduced = report.result.verdict == token.verdict;
    fmt::print(table, "    replay: recorded verdict {}, this run {}: {}\n", to_string(token.verdict),
               to_string(report.result.verdict), reproduced ? "reproduced" : "NOT reproduced");
    fmt::print(table, "    schedule: {} decisions, {}\n", token.schedule.size(),
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
