#include "report/text_layout.hpp"

#include <fmt/format.h>

namespace interleave::report {

std::vector<std::string> wrap_words(std::string_view text, std::size_t width, std::string_view first_indent,
                                    std::string_view next_indent) {
  std::vector<std::string> lines;
  if (first_indent.size() + text.size() <= width) {  // as it is, its spacing kept
    lines.push_back(std::string(first_indent) + std::string(text));
    return lines;
  }
  std::string line(first_indent);
  bool line_has_word = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (line_has_word && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line = std::string(next_indent);
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
  }
  if (line_has_word || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string wrapped(std::string_view text, std::size_t width, std::string_view first_indent,
                    std::string_view next_indent) {
  std::string out;
  for (const auto& line : wrap_words(text, width, first_indent, next_indent)) out += line + "\n";
  return out;
}

std::string counted(std::uint64_t count, std::string_view singular, std::string_view plural) {
  if (count == 1) return fmt::format("1 {}", singular);
  return plural.empty() ? fmt::format("{} {}s", count, singular) : fmt::format("{} {}", count, plural);
}

}  // namespace interleave::report
