#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "report/timeline.hpp"
#include "report/variant_report.hpp"

namespace interleave::report {
namespace {

constexpr std::string_view kRowFormat = "{:<34} {:<8} {:<30} {:<20} {:<5} {:>10} {:>9} {:>11} {:>20}\n";

// What a clean run under PCT guarantees (Burckhardt et al.): each schedule
// finds a given bug of depth d with probability at least 1/(n·k^(d-1)).
void print_pct_bound(std::ostream& out, int depth, const ExploreResult& result, std::uint64_t pct_schedules) {
  if (result.max_tasks == 0 || result.max_steps == 0) return;
  const double n = result.max_tasks, k = static_cast<double>(result.max_steps);
  const double per_schedule = 1.0 / (n * std::pow(k, depth - 1));
  fmt::print(out,
             "    pct:{}: n={} tasks, k={} steps: a depth-{} bug is found by each schedule with probability >= {:.3g}",
             depth, result.max_tasks, result.max_steps, depth, per_schedule);
  if (result.clean())
    fmt::print(out, "; after {} clean PCT schedules, the chance one was missed is <= {:.3g}", pct_schedules,
               std::pow(1.0 - per_schedule, static_cast<double>(pct_schedules)));
  fmt::print(out, "\n");
}

void print_strategy_notes(std::ostream& out, const VariantReport& report) {
  const ExploreResult& result = report.result;
  switch (report.strategy.kind) {
    case Strategy::Kind::pct:
      return print_pct_bound(out, report.strategy.parameter, result, result.schedules);
    case Strategy::Kind::portfolio:  // every third schedule is PCT's (see PortfolioStrategy)
      return print_pct_bound(out, 3, result, result.schedules / 3);
    case Strategy::Kind::dfs:
      if (result.exhausted)
        fmt::print(out, "    dfs: search space exhausted: it holds {} schedules{}\n", result.schedules,
                   report.strategy.parameter < 0
                       ? ""
                       : fmt::format(" with at most {} preemptions", report.strategy.parameter));
      else if (result.clean())
        fmt::print(out, "    dfs: not exhausted after {} schedules\n", result.schedules);
      return;
    default:
      return;
  }
}

}  // namespace

std::string expected_text(const std::vector<Verdict>& expected) {
  std::string text;
  for (Verdict verdict : expected) {
    if (!text.empty()) text += "|";
    text += to_string(verdict);
  }
  return text;
}

void print_table_header(std::ostream& out) {
  fmt::print(out, kRowFormat, "scenario/variant", "engine", "expected", "verdict", "match", "schedules", "seconds",
             "sched/s", "seed");
}

void print_table_row(std::ostream& out, const VariantReport& report) {
  const ExploreResult& result = report.result;
  if (!report.ran) {
    fmt::print(out, kRowFormat, report.full_name(), to_string(report.engine), expected_text(report.expected), "not run",
               "NO", "-", "-", "-", "-");
    fmt::print(out, "    not run: {}\n", report.not_run_reason);
    return;
  }
  std::string seed = result.failing_seed ? std::to_string(*result.failing_seed) : "-";
  fmt::print(out, kRowFormat, report.full_name(), to_string(report.engine), expected_text(report.expected),
             to_string(result.verdict), report.matched ? "yes" : "NO", result.schedules,
             fmt::format("{:.3f}", result.seconds), fmt::format("{:.0f}", result.schedules_per_second()), seed);
  if (!result.message.empty()) fmt::print(out, "    {}\n", result.message);
  for (const auto& line : result.details) fmt::print(out, "      {}\n", line);
  if (!result.events.empty()) {
    fmt::print(out, "    {}\n", interleaving_heading(result));
    print_timeline(out, result.events, "      ");
  }
  if (const auto& consequence = result.race_consequence) {
    fmt::print(out, "    the race leads to: {} (found with the race detector off: {} preemption{}, {} schedule{})\n",
               consequence->message, consequence->preemptions, consequence->preemptions == 1 ? "" : "s",
               consequence->schedules, consequence->schedules == 1 ? "" : "s");
    if (!report.consequence_token.empty())
      fmt::print(out, "      reproduce: {} replay {}\n", report.program, report.consequence_token);
  }
  if (!result.warning.empty()) fmt::print(out, "    warning: {}\n", result.warning);
  if (result.budget_reached)
    fmt::print(out, "    budget reached: {} after {} schedules\n", to_string(result.verdict), result.schedules);
  if (result.interrupted)
    fmt::print(out, "    interrupted: {} after {} schedules\n", to_string(result.verdict), result.schedules);
  if (report.engine == EngineKind::fiber) print_strategy_notes(out, report);
  if (const auto& repeat = report.repetitions)
    fmt::print(
        out,
        "    repeat: {} independent seeds: expectation met in {}/{}; median {} schedules and {:.6f} s to the verdict\n",
        repeat->runs, repeat->matched, repeat->runs, repeat->median_schedules, repeat->median_seconds);
  if (result.diverged)
    fmt::print(out,
               "    note: a rerun did not follow the same schedule (nondeterminism the harness does not control)\n");
  if (!report.reproduce.empty()) fmt::print(out, "    reproduce: {}\n", report.reproduce);
}

void print_summary(std::ostream& out, const std::vector<VariantReport>& reports, double seconds) {
  auto count = [&](auto predicate) { return std::count_if(reports.begin(), reports.end(), predicate); };
  auto matched = count([](const auto& r) { return r.ran && r.matched; });
  auto mismatched = count([](const auto& r) { return r.ran && !r.matched; });
  auto not_run = count([](const auto& r) { return !r.ran; });
  auto bugs = count([](const auto& r) { return r.ran && !r.result.clean(); });
  auto interrupted = count([](const auto& r) { return r.ran && r.result.interrupted; });
  fmt::print(out, "{} variant runs: {} matched, {} mismatched", reports.size(), matched, mismatched);
  if (interrupted > 0) fmt::print(out, ", {} interrupted", interrupted);
  if (not_run > 0) fmt::print(out, ", {} not run", not_run);
  fmt::print(out, "; {} bugs found; {:.2f} s\n", bugs, seconds);
}

}  // namespace interleave::report
