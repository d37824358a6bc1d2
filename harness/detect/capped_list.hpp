#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <span>
#include <string>
#include <vector>

namespace interleave::detect {

// Messages name tasks, and a run may have thousands of them: a list in a
// message shows the first few, then how many more there are.
inline constexpr std::size_t kListedInMessage = 5;
inline constexpr std::size_t kListedInDetails = 20;

// "a, b, c" or "a, b, c, d, e, and 9995 more".
inline std::string capped_list(std::span<const std::string> items, std::string_view separator = ", ",
                               std::size_t shown = kListedInMessage) {
  if (items.size() <= shown) return fmt::format("{}", fmt::join(items, separator));
  return fmt::format("{}{}and {} more", fmt::join(items.first(shown), separator), separator, items.size() - shown);
}

// Keeps the first `shown` lines and says how many were left out.
inline void cap_lines(std::vector<std::string>& lines, std::size_t shown = kListedInDetails) {
  if (lines.size() <= shown) return;
  const std::size_t dropped = lines.size() - shown;
  lines.resize(shown);
  lines.push_back(fmt::format("... and {} more", dropped));
}

}  // namespace interleave::detect
