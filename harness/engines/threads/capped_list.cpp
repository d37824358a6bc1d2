#include "engines/threads/capped_list.hpp"

#include <fmt/format.h>

namespace interleave::engines::threads {

std::string capped_join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < kTasksNamed; ++i) text += (i == 0 ? "" : separator) + items[i];
  if (items.size() > kTasksNamed) text += fmt::format("{}and {} more", separator, items.size() - kTasksNamed);
  return text;
}

std::vector<std::string> capped_lines(std::vector<std::string> lines) {
  if (lines.size() <= kTasksNamed) return lines;
  const std::size_t more = lines.size() - kTasksNamed;
  lines.resize(kTasksNamed);
  lines.push_back(fmt::format("... and {} more", more));
  return lines;
}

std::string capped_deadlock_summary(const std::string& summary) {
  const std::string introduction = ": ", separator = "; ";
  const std::size_t list = summary.find(introduction);
  if (list == std::string::npos) return summary;
  std::vector<std::string> items;
  for (std::size_t at = list + introduction.size();;) {
    const std::size_t next = summary.find(separator, at);
    items.push_back(summary.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + separator.size();
  }
  return summary.substr(0, list + introduction.size()) + capped_join(items, separator);
}

}  // namespace interleave::engines::threads
