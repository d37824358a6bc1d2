#include "cli/terminal.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace interleave::cli {
namespace {

constexpr std::size_t kDefaultWidth = 100;
constexpr std::size_t kMinWidth = 40;  // narrower, and nothing fits: lay out for this

std::optional<int> descriptor_of(std::ostream& stream) {
  if (&stream == &std::cout) return STDOUT_FILENO;
  if (&stream == &std::cerr) return STDERR_FILENO;
  return std::nullopt;
}

std::optional<std::size_t> columns_variable() {
  const char* text = std::getenv("COLUMNS");
  if (text == nullptr) return std::nullopt;
  const std::string_view view(text);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error != std::errc{} || end != view.data() + view.size() || value == 0) return std::nullopt;
  return value;
}

// Seconds as a person reads them: "0.4 s", "12 s", "3 min 20 s".
std::string duration_text(double seconds) {
  if (seconds < 10) return fmt::format("{:.1f} s", seconds);
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  const auto whole = static_cast<long long>(seconds);
  return fmt::format("{} min {} s", whole / 60, whole % 60);
}

}  // namespace

report::TextLayout text_layout_of(std::ostream& stream) {
  report::TextLayout layout;
  const auto descriptor = descriptor_of(stream);
  const bool terminal = descriptor && isatty(*descriptor) == 1;
  std::size_t width = kDefaultWidth;
  if (const auto columns = columns_variable()) {
    width = *columns;
  } else if (terminal) {
    winsize size{};
    if (ioctl(*descriptor, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) width = size.ws_col;
  }
  layout.width = std::max(width, kMinWidth);
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  layout.color =
      terminal && (no_color == nullptr || *no_color == '\0') && (term == nullptr || std::string_view(term) != "dumb");
  return layout;
}

std::string progress_line(const std::string& name, std::uint64_t done, std::uint64_t total,
                          std::chrono::duration<double> elapsed,
                          std::optional<std::chrono::duration<double>> budget_left, std::size_t width) {
  const double seconds = elapsed.count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string line = fmt::format("  {}: {} of {} schedules", name, done, total);
  if (rate > 0) line += fmt::format(", {:.0f}/s", rate);
  if (budget_left)
    line += fmt::format(", {} of the budget left", duration_text(std::max(0.0, budget_left->count())));
  else if (rate > 0 && done < total)
    line += fmt::format(", about {} left", duration_text(static_cast<double>(total - done) / rate));
  if (width > 1 && line.size() > width - 1) line.resize(width - 1);
  return line;
}

}  // namespace interleave::cli
