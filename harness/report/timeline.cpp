#include "report/timeline.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

namespace interleave::report {
namespace {

constexpr std::size_t kMaxColumn = 34;
constexpr std::size_t kMinColumn = 8;

std::string fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 3) + "...";
}

std::string without_trailing_spaces(std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  return line;
}

}  // namespace

void print_timeline(std::ostream& out, const std::vector<TraceEvent>& events, std::string_view indent,
                    std::size_t width) {
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
  const int number_width = static_cast<int>(std::to_string(events.size()).size());
  // Columns share the width: "   # " then "| text " per task.
  const std::size_t fixed = indent.size() + static_cast<std::size_t>(number_width) + 1 + 3 * tasks.size();
  const std::size_t share = tasks.empty() || width <= fixed ? 0 : (width - fixed) / tasks.size();
  const std::size_t max_column = std::clamp<std::size_t>(share, kMinColumn, kMaxColumn);
  for (const auto& event : events) {
    auto column = std::find(tasks.begin(), tasks.end(), event.task) - tasks.begin();
    widths[column] = std::max(widths[column], event.text.size());
  }
  for (auto& column_width : widths) column_width = std::min(max_column, column_width);
  std::string line = fmt::format("{}{:>{}} ", indent, "#", number_width);
  for (std::size_t c = 0; c < tasks.size(); ++c) line += fmt::format("| {} ", fit(names[c], widths[c]));
  fmt::print(out, "{}\n", without_trailing_spaces(std::move(line)));
  for (std::size_t row = 0; row < events.size(); ++row) {
    line = fmt::format("{}{:>{}} ", indent, row + 1, number_width);
    for (std::size_t c = 0; c < tasks.size(); ++c)
      line += fmt::format("| {} ", fit(events[row].task == tasks[c] ? events[row].text : "", widths[c]));
    fmt::print(out, "{}\n", without_trailing_spaces(std::move(line)));
  }
}

std::string fewest_note(const ExploreResult& result) {
  return result.preemptions_proven ? "none fewer fails: proven" : "fewest not proven within the shrink budget";
}

std::string interleaving_heading(const ExploreResult& result) {
  // The steps are the timeline's rows, so that the count is what the reader sees.
  return fmt::format("interleaving: {} preemption{} ({} as first found; {}), {} step{}", result.preemptions,
                     result.preemptions == 1 ? "" : "s", result.preemptions_found, fewest_note(result),
                     result.events.size(), result.events.size() == 1 ? "" : "s");
}

}  // namespace interleave::report
