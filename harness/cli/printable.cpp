#include "cli/printable.hpp"

#include <fmt/format.h>

namespace interleave::cli {

std::string one_line(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n')
      line += "\\n";
    else if (c == '\r')
      line += "\\r";
    else if (c == '\t')
      line += "\\t";
    else if (byte < 0x20 || byte == 0x7f)
      line += fmt::format("\\x{:02x}", byte);
    else
      line += c;
  }
  return line;
}

std::string clipped(std::string_view text, std::size_t max) {
  if (text.size() <= max) return one_line(text);
  return fmt::format("{}... ({} characters)", one_line(text.substr(0, max)), text.size());
}

std::string echoed(std::string_view text) { return fmt::format("'{}'", clipped(text, 120)); }

}  // namespace interleave::cli
