#include "cli/help_formatter.hpp"

#include <sstream>

#include "report/text_layout.hpp"

namespace interleave::cli {
namespace {

// Each paragraph of `text` wrapped to `width`, the lines joined by '\n'
// (CLI11 indents what follows a '\n' to the description column).
std::string wrap_paragraphs(const std::string& text, std::size_t width) {
  std::string out;
  std::istringstream paragraphs(text);
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    if (!out.empty()) out += '\n';
    if (paragraph.empty()) continue;
    bool first = true;
    for (const auto& line : report::wrap_words(paragraph, width, "", "")) {
      if (!first) out += '\n';
      out += line;
      first = false;
    }
  }
  return out;
}

}  // namespace

HelpFormatter::HelpFormatter() { column_width(kNameColumn); }

std::string HelpFormatter::make_description(const CLI::App* app) const {
  std::string text = CLI::Formatter::make_description(app);
  const bool newline = !text.empty() && text.back() == '\n';
  if (newline) text.pop_back();
  return wrap_paragraphs(text, kHelpWidth) + (newline ? "\n" : "");
}

std::string HelpFormatter::make_option_desc(const CLI::Option* option) const {
  return wrap_paragraphs(CLI::Formatter::make_option_desc(option), kHelpWidth - kNameColumn);
}

std::string HelpFormatter::make_subcommand(const CLI::App* subcommand) const {
  std::stringstream out;
  CLI::detail::format_help(out, subcommand->get_display_name(true),
                           wrap_paragraphs(subcommand->get_description(), kHelpWidth - kNameColumn), column_width_);
  return out.str();
}

}  // namespace interleave::cli
