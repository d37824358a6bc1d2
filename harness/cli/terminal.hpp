#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "report/text_layout.hpp"

namespace interleave::cli {

// How a report printed to `stream` is laid out: $COLUMNS wide (else the
// terminal's width, else 100 columns); coloured only when the stream is
// this process's stdout or stderr on a terminal and NO_COLOR is unset or
// empty (no-color.org), so a pipe or a file never gets escape codes.
report::TextLayout text_layout_of(std::ostream& stream);

// The line a run redraws on a terminal while a variant explores:
// "  name: 5,120 of 10,000 schedules, 8,400/s, about 0.6 s left", and under
// --budget the time left of the budget. At most `width` - 1 columns.
std::string progress_line(const std::string& name, std::uint64_t done, std::uint64_t total,
                          std::chrono::duration<double> elapsed,
                          std::optional<std::chrono::duration<double>> budget_left, std::size_t width);

}  // namespace interleave::cli
