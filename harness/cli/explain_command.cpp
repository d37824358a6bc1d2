#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/selection.hpp"
#include "explore/replay_token.hpp"
#include "report/html_report.hpp"
#include "report/timeline.hpp"
#include "report/variant_report.hpp"

namespace interleave::cli {
namespace {

// Wraps prose at `width` columns, every line starting with `indent`.
void print_wrapped(std::ostream& out, const std::string& text, std::string_view indent, std::size_t width = 96) {
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      fmt::print(out, "{}{}\n", indent, line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) fmt::print(out, "{}{}\n", indent, line);
}

std::string engine_names(const Variant& variant) {
  std::vector<std::string_view> names;
  for (EngineKind engine : variant.engines) names.push_back(to_string(engine));
  if (variant.runs_on(EngineKind::tsan)) names.push_back(to_string(EngineKind::tsan));
  return fmt::format("{}", fmt::join(names, ", "));
}

// explain --html: the explored variant as run would report it, with a catalog replay token.
void write_html(const ExplainOptions& options, const Scenario& scenario, const Variant& variant,
                const ExploreOptions& explore, const Params& params, const ExploreResult& result, std::ostream& out) {
  report::VariantReport report;
  report.program = options.program;
  report.scenario = scenario.name;
  report.variant = variant.name;
  report.engine = explore.engine;
  report.expected = variant.expected_on(explore.engine);
  report.params = params;
  report.result = result;
  report.matched = variant.matches(result.verdict);
  report.lesson = variant.lesson;
  if (explore.engine == EngineKind::fiber && result.failing_seed && !result.events.empty()) {
    exploration::ReplayToken token;
    token.scenario = scenario.name;
    token.variant = variant.name;
    token.engine = explore.engine;
    token.strategy = result.strategy;
    token.seed = *result.failing_seed;
    token.verdict = result.verdict;
    token.options = exploration::ScheduleOptions::of(explore);
    token.params = params;
    token.schedule = result.failing_schedule;
    report.token = exploration::encode_token(token);
  }
  write_output(options.html_path, report::explain_html(scenario, report), out);
}

}  // namespace

int explain_command(const ExplainOptions& options, const std::vector<Scenario>& catalog, std::ostream& out) {
  auto selected = select_variants(catalog, options.name, options.program);
  if (selected.size() != 1)
    throw UsageError(fmt::format("'{}' names {} variants; explain takes one", options.name, selected.size()));
  const auto& [scenario, variant] = selected.front();

  fmt::print(out, "{}/{}: {}\n", scenario->name, variant->name, scenario->summary);
  fmt::print(out, "  expected verdict: {}    engines: {}\n\n", report::expected_text(variant->expected),
             engine_names(*variant));
  fmt::print(out, "{}\n", variant->expects_bug() ? "What goes wrong, and the fix" : "Why it is correct");
  print_wrapped(out, variant->lesson, "  ");
  if (variant->expects_bug()) {
    if (const Variant* twin = scenario->twin_of(*variant)) {
      fmt::print(out, "\nThe correct twin, {}/{}\n", scenario->name, twin->name);
      print_wrapped(out, twin->lesson, "  ");
    }
  }

  // A correct variant lists the engines too when one of them differs (a false alarm of ThreadSanitizer's).
  const bool an_engine_differs = std::any_of(std::begin(kAllEngines), std::end(kAllEngines), [&](EngineKind engine) {
    return variant->runs_on(engine) && !variant->blind_spot(engine).empty();
  });
  if (variant->expects_bug() || an_engine_differs) {
    fmt::print(out, "\n{}\n", variant->expects_bug() ? "Which engines see it" : "What each engine reports");
    for (EngineKind engine : kAllEngines) {
      if (!variant->runs_on(engine)) continue;
      fmt::print(out, "  {:<10} {}\n", to_string(engine), report::expected_text(variant->expected_on(engine)));
      if (std::string why = variant->blind_spot(engine); !why.empty()) print_wrapped(out, why, "             ");
    }
  }

  const EngineKind engine = variant->engines.front();
  ExploreOptions explore;
  explore.environment_overrides = false;  // the command line says what to run
  explore.engine = engine;
  explore.schedules = static_cast<std::uint64_t>(options.schedules);
  const Params params = scenario->lesson_params();
  if (!options.html_path.empty()) probe_writable(options.html_path);
  auto result = interleave::explore(explore, [&] { variant->body(params); });
  std::string sizes;
  for (const auto& [key, value] : params.values()) sizes += fmt::format(" {}={}", key, value);
  fmt::print(out, "\nExploring it ({} engine,{}; {} schedules at most): {} after {} schedule{}\n", to_string(engine),
             sizes, options.schedules, to_string(result.verdict), result.schedules, result.schedules == 1 ? "" : "s");
  if (!result.message.empty()) print_wrapped(out, result.message, "  ");
  if (!result.events.empty()) {
    fmt::print(out, "\nThe interleaving ({} preemption{}, shrunk from {}; {}):\n", result.preemptions,
               result.preemptions == 1 ? "" : "s", result.preemptions_found, report::fewest_note(result));
    report::print_timeline(out, result.events, "  ");
  } else if (result.clean()) {
    fmt::print(out, "  no schedule broke it\n");
  }
  if (!options.html_path.empty()) write_html(options, *scenario, *variant, explore, params, result, out);
  return variant->matches(result.verdict) ? kAllMatched : kMismatch;
}

}  // namespace interleave::cli
