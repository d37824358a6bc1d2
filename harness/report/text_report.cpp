#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "report/text_table.hpp"
#include "report/timeline.hpp"
#include "report/variant_report.hpp"

namespace interleave::report {
namespace {

enum Column : std::size_t { kName, kEngine, kExpected, kVerdict, kMatch, kSchedules, kSeconds, kRate };

// 10^exponent as a figure that never rounds to 0: "0.0123", "3.2e-11", or
// "10^-4000" below what a double holds.
std::string power_of_ten_text(double exponent) {
  if (exponent > -300) return fmt::format("{:.3g}", std::pow(10.0, exponent));
  return fmt::format("10^{:.0f}", std::floor(exponent));
}

// What a clean run under PCT guarantees (Burckhardt et al.): each schedule
// finds a given bug of depth d with probability at least 1/(n·k^(d-1)).
// Logarithms keep a tiny chance a number, not 0.
std::string pct_bound(int depth, const ExploreResult& result, std::uint64_t pct_schedules) {
  if (result.max_tasks == 0 || result.max_steps == 0) return {};
  const double log_per_schedule = -(std::log10(static_cast<double>(result.max_tasks)) +
                                    (depth - 1) * std::log10(static_cast<double>(result.max_steps)));
  std::string text =
      fmt::format("pct:{}: n={} tasks, k={} steps: a depth-{} bug is found by each schedule with probability >= {}",
                  depth, result.max_tasks, result.max_steps, depth, power_of_ten_text(log_per_schedule));
  if (result.clean()) {
    const double per_schedule = std::pow(10.0, log_per_schedule);
    const double log_missed = static_cast<double>(pct_schedules) * std::log1p(-per_schedule) / std::log(10.0);
    const std::string missed = log_missed > -4 ? fmt::format("<= {:.3g}", std::pow(10.0, log_missed))
                                               : fmt::format("below {}", power_of_ten_text(std::ceil(log_missed)));
    text += fmt::format("; after {} clean PCT {}, the chance one was missed is {}", pct_schedules,
                        pct_schedules == 1 ? "schedule" : "schedules", missed);
  }
  return text;
}

std::string strategy_note(const VariantReport& report) {
  const ExploreResult& result = report.result;
  switch (report.strategy.kind) {
    case Strategy::Kind::pct:
      return pct_bound(report.strategy.parameter, result, result.schedules);
    case Strategy::Kind::portfolio:  // every third schedule is PCT's (see PortfolioStrategy)
      return pct_bound(3, result, result.schedules / 3);
    case Strategy::Kind::dfs:
      if (result.exhausted)
        return fmt::format("dfs: search space exhausted: it holds {}{}", counted(result.schedules, "schedule"),
                           report.strategy.parameter < 0
                               ? ""
                               : fmt::format(" with at most {}", counted(report.strategy.parameter, "preemption")));
      if (result.clean()) return fmt::format("dfs: not exhausted after {}", counted(result.schedules, "schedule"));
      return {};
    default:
      return {};
  }
}

fmt::text_style verdict_style(Verdict verdict) {
  return verdict == Verdict::clean ? fmt::fg(fmt::terminal_color::green)
                                   : fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
}

fmt::text_style match_style(bool matched) {
  return matched ? fmt::fg(fmt::terminal_color::green) : fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
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

VariantTable::VariantTable(const std::vector<PlannedRow>& rows, TextLayout layout) {
  std::size_t name = 0, engine = 0, expected = 0, verdict = std::string_view("not run").size();
  for (const auto& row : rows) {
    name = std::max(name, row.name.size());
    engine = std::max(engine, to_string(row.engine).size());
    expected = std::max(expected, expected_text(row.expected).size());
    for (Verdict each : row.expected) verdict = std::max(verdict, to_string(each).size());
  }
  table_ = std::make_unique<TextTable>(std::vector<TextColumn>{{"scenario/variant", name},
                                                               {"engine", engine},
                                                               {"expected", expected, false, true},
                                                               {"verdict", verdict},
                                                               {"match", 5},
                                                               {"schedules", 9, true},
                                                               {"seconds", 7, true},
                                                               {"sched/s", 8, true}},
                                       layout);
}

VariantTable::~VariantTable() = default;

const TextLayout& VariantTable::layout() const { return table_->layout(); }

void VariantTable::print_heading(std::ostream& out) const { out << table_->heading(); }

void VariantTable::print_row(std::ostream& out, const VariantReport& report) const {
  const std::size_t width = table_->layout().width;
  auto message = [&](std::string_view text) { out << wrapped(text, width, "    ", "      "); };
  const ExploreResult& result = report.result;
  const std::string expected = expected_text(report.expected);
  if (!report.ran) {
    out << table_->row({{report.full_name()},
                        {std::string(to_string(report.engine))},
                        {expected},
                        {"not run", fmt::fg(fmt::terminal_color::yellow)},
                        {"NO", match_style(false)},
                        {"-"},
                        {"-"},
                        {"-"}});
    message("not run: " + report.not_run_reason);
    return;
  }
  out << table_->row({{report.full_name()},
                      {std::string(to_string(report.engine))},
                      {expected},
                      {std::string(to_string(result.verdict)), verdict_style(result.verdict)},
                      {report.matched ? "yes" : "NO", match_style(report.matched)},
                      {std::to_string(result.schedules)},
                      {fmt::format("{:.3f}", result.seconds)},
                      {fmt::format("{:.0f}", result.schedules_per_second())}});
  if (!report.matched && !table_->shows(kExpected)) message("expected: " + expected);
  if (!result.message.empty()) message(result.message);
  for (const auto& line : result.details) out << wrapped(line, width, "      ", "        ");
  if (!result.events.empty()) {
    message(interleaving_heading(result));
    print_timeline(out, result.events, "      ", width);
  }
  if (const auto& consequence = result.race_consequence) {
    message(fmt::format("the race leads to: {} (found with the race detector off: {}, {})", consequence->message,
                        counted(consequence->preemptions, "preemption"), counted(consequence->schedules, "schedule")));
    if (!report.consequence_token.empty())
      fmt::print(out, "      reproduce: {} replay {}\n", report.program, report.consequence_token);
  }
  if (!result.warning.empty()) message("warning: " + result.warning);
  if (result.budget_reached)
    message(
        fmt::format("budget reached: {} after {}", to_string(result.verdict), counted(result.schedules, "schedule")));
  if (result.interrupted)
    message(fmt::format("interrupted: {} after {}", to_string(result.verdict), counted(result.schedules, "schedule")));
  if (report.engine == EngineKind::fiber)
    if (const std::string note = strategy_note(report); !note.empty()) message(note);
  if (const auto& repeat = report.repetitions)
    message(fmt::format(
        "repeat: {} independent seeds: expectation met in {}/{}; median {} schedules and {:.6f} s to the verdict",
        repeat->runs, repeat->matched, repeat->runs, repeat->median_schedules, repeat->median_seconds));
  if (result.diverged)
    message("note: a rerun did not follow the same schedule (nondeterminism the harness does not control)");
  // One line, however long: it is pasted whole.
  if (!report.reproduce.empty()) fmt::print(out, "    reproduce: {}\n", report.reproduce);
}

std::string summary_line(const std::vector<VariantReport>& reports, double seconds) {
  auto count = [&](auto predicate) {
    return static_cast<std::uint64_t>(std::count_if(reports.begin(), reports.end(), predicate));
  };
  auto matched = count([](const auto& r) { return r.ran && r.matched; });
  auto mismatched = count([](const auto& r) { return r.ran && !r.matched; });
  auto not_run = count([](const auto& r) { return !r.ran; });
  auto bugs = count([](const auto& r) { return r.ran && !r.result.clean(); });
  auto interrupted = count([](const auto& r) { return r.ran && r.result.interrupted; });
  std::string line =
      fmt::format("{}: {} matched, {} mismatched", counted(reports.size(), "variant"), matched, mismatched);
  if (interrupted > 0) line += fmt::format(", {} interrupted", interrupted);
  if (not_run > 0) line += fmt::format(", {} not run", not_run);
  return line + fmt::format("; {} found; {:.2f} s", counted(bugs, "bug"), seconds);
}

void print_summary(std::ostream& out, const std::vector<VariantReport>& reports, double seconds) {
  out << summary_line(reports, seconds) << "\n";
}

}  // namespace interleave::report
