#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::report {

// How a human-readable report is laid out: the terminal's width, and
// whether verdicts and matches are coloured (a terminal, and no NO_COLOR).
struct TextLayout {
  std::size_t width = 100;
  bool color = false;
};

// `text` split into lines of at most `width` columns, at spaces; the first
// line starts with `first_indent`, the others with `next_indent`. A word
// longer than a line (a replay token) stays whole on a line of its own.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width, std::string_view first_indent,
                                    std::string_view next_indent);

// The same, joined with newlines, with a final newline.
std::string wrapped(std::string_view text, std::size_t width, std::string_view first_indent,
                    std::string_view next_indent);

// "1 variant", "2 variants": `count` and the noun, plural unless one.
std::string counted(std::uint64_t count, std::string_view singular, std::string_view plural = {});

}  // namespace interleave::report
