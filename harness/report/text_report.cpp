#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

#include "report/variant_report.hpp"

namespace interleave::report {
namespace {

constexpr std::string_view kRowFormat = "{:<34} {:<8} {:<30} {:<20} {:<5} {:>10} {:>9} {:>11} {:>20}\n";

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
  std::string seed = result.failing_seed ? std::to_string(*result.failing_seed) : "-";
  fmt::print(out, kRowFormat, report.full_name(), to_string(report.engine), expected_text(report.expected),
             to_string(result.verdict), report.matched ? "yes" : "NO", result.schedules,
             fmt::format("{:.3f}", result.seconds), fmt::format("{:.0f}", result.schedules_per_second()), seed);
  if (!result.message.empty()) fmt::print(out, "    {}\n", result.message);
  for (const auto& line : result.details) fmt::print(out, "      {}\n", line);
  if (!report.reproduce.empty()) fmt::print(out, "    reproduce: {}\n", report.reproduce);
}

void print_summary(std::ostream& out, const std::vector<VariantReport>& reports, double seconds) {
  auto matched = std::count_if(reports.begin(), reports.end(), [](const auto& r) { return r.matched; });
  auto bugs = std::count_if(reports.begin(), reports.end(), [](const auto& r) { return !r.result.clean(); });
  fmt::print(out, "{} variant runs: {} matched, {} mismatched; {} bugs found; {:.2f} s\n", reports.size(), matched,
             reports.size() - static_cast<std::size_t>(matched), bugs, seconds);
}

}  // namespace interleave::report
