#include "report/timeline.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

namespace interleave::report {
namespace {

constexpr std::size_t kMaxColumn = 34;

std::string fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 3) + "...";
}

}  // namespace

void print_timeline(std::ostream& out, const std::vector<TraceEvent>& events, std::string_view indent) {
  std::vector<int> tasks;  // columns, by task id
  for (const auto& event : events)
    if (std::find(tasks.begin(), tasks.end(), event.task) == tasks.end()) tasks.push_back(event.task);
  std::sort(tasks.begin(), tasks.end());
  std::vector<std::string> names(tasks.size());
  std::vector<std::size_t> widths(tasks.size());
  for (const auto& event : events) {
    auto column = std::find(tasks.begin(), tasks.end(), event.task) - tasks.begin();
    names[column] = event.task_name;
    widths[column] = event.task_name.size();
  }
  for (const auto& event : events) {
    auto column = std::find(tasks.begin(), tasks.end(), event.task) - tasks.begin();
    widths[column] = std::min(kMaxColumn, std::max(widths[column], event.text.size()));
  }
  const int number_width = static_cast<int>(std::to_string(events.size()).size());
  fmt::print(out, "{}{:>{}} ", indent, "#", number_width);
  for (std::size_t c = 0; c < tasks.size(); ++c) fmt::print(out, "| {} ", fit(names[c], widths[c]));
  fmt::print(out, "\n");
  for (std::size_t row = 0; row < events.size(); ++row) {
    fmt::print(out, "{}{:>{}} ", indent, row + 1, number_width);
    for (std::size_t c = 0; c < tasks.size(); ++c)
      fmt::print(out, "| {} ", fit(events[row].task == tasks[c] ? events[row].text : "", widths[c]));
    fmt::print(out, "\n");
  }
}

std::string fewest_note(const ExploreResult& result) {
  return result.preemptions_proven ? "none fewer fails: proven" : "fewest not proven within the shrink budget";
}

std::string interleaving_heading(const ExploreResult& result) {
  return fmt::format("interleaving: {} preemption{} ({} as first found; {}), {} steps", result.preemptions,
                     result.preemptions == 1 ? "" : "s", result.preemptions_found, fewest_note(result),
                     result.failing_steps);
}

}  // namespace interleave::report
