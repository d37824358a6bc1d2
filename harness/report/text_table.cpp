#include "report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace interleave::report {

TextTable::TextTable(std::vector<TextColumn> columns, TextLayout layout)
    : columns_(std::move(columns)), shown_(columns_.size(), true), layout_(layout) {
  for (auto& column : columns_) column.width = std::max(column.width, column.heading.size());
  auto total = [&] {
    std::size_t sum = 0, shown = 0;
    for (std::size_t i = 0; i < columns_.size(); ++i)
      if (shown_[i]) sum += columns_[i].width, ++shown;
    return sum + (shown > 0 ? shown - 1 : 0);
  };
  for (std::size_t i = columns_.size(); i-- > 0 && total() > layout_.width;)
    if (columns_[i].droppable) shown_[i] = false;
  if (!columns_.empty() && total() > layout_.width) {
    const std::size_t rest = total() - columns_[0].width;
    columns_[0].width = std::max(columns_[0].heading.size(), layout_.width > rest ? layout_.width - rest : 0);
  }
}

std::string TextTable::line(const std::vector<TextCell>& cells) const {
  std::string text;
  bool first = true;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (!shown_[i]) continue;
    if (!first) text += ' ';
    first = false;
    const TextCell& cell = cells[i];
    const std::size_t width = columns_[i].width;
    const std::size_t pad = width > cell.text.size() ? width - cell.text.size() : 0;
    const std::string styled = cell.style && layout_.color ? fmt::format(*cell.style, "{}", cell.text) : cell.text;
    text += columns_[i].right_aligned ? std::string(pad, ' ') + styled : styled + std::string(pad, ' ');
  }
  text.erase(text.find_last_not_of(' ') + 1);
  return text + "\n";
}

std::size_t TextTable::offset_of(std::size_t column) const {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < column; ++i)
    if (shown_[i]) offset += columns_[i].width + 1;
  return offset;
}

std::string TextTable::heading() const {
  std::vector<TextCell> cells;
  for (const auto& column : columns_) cells.push_back({column.heading});
  return line(cells);
}

std::string TextTable::row(const std::vector<TextCell>& cells) const {
  if (cells.empty() || cells[0].text.size() <= columns_[0].width) return line(cells);
  std::vector<TextCell> rest = cells;
  rest[0].text.clear();
  return cells[0].text + "\n" + line(rest);
}

}  // namespace interleave::report
