#pragma once

#include <fmt/color.h>

#include <optional>
#include <string>
#include <vector>

#include "report/text_layout.hpp"

namespace interleave::report {

// One column of a TextTable: its heading, how wide its cells are (at least
// the heading), and whether it may go when the row would not fit.
struct TextColumn {
  std::string heading;
  std::size_t width = 0;
  bool right_aligned = false;
  bool droppable = false;
};

// A cell: its text and, on a coloured layout, its style.
struct TextCell {
  std::string text;
  std::optional<fmt::text_style> style = std::nullopt;
};

// A table whose rows fit the layout's width: droppable columns go, last
// first, until a row fits; then the first column (the names) narrows, and a
// name longer than it is printed alone on its line, the row's cells under it.
// Columns are never wrapped; what is too long for a row is a message below it.
class TextTable {
 public:
  TextTable(std::vector<TextColumn> columns, TextLayout layout);

  std::string heading() const;
  // One cell per column, shown or not.
  std::string row(const std::vector<TextCell>& cells) const;
  bool shows(std::size_t column) const { return shown_[column]; }
  // Where a shown column starts, and how wide it is: for a last column whose text wraps under itself.
  std::size_t offset_of(std::size_t column) const;
  std::size_t width_of(std::size_t column) const { return columns_[column].width; }
  const TextLayout& layout() const { return layout_; }

 private:
  std::string line(const std::vector<TextCell>& cells) const;

  std::vector<TextColumn> columns_;
  std::vector<bool> shown_;
  TextLayout layout_;
};

}  // namespace interleave::report
