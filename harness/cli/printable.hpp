#pragma once

#include <string>
#include <string_view>

namespace interleave::cli {

// `text` as one line: control characters escaped (\n, \t, \x1b, ...).
std::string one_line(std::string_view text);

// `text` as one line, and past `max` characters cut, with "..." and its length.
std::string clipped(std::string_view text, std::size_t max);

// `text` quoted, as an error message echoes it: one line, at most 120 characters of it.
std::string echoed(std::string_view text);

}  // namespace interleave::cli
