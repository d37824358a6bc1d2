#pragma once

#include <CLI/CLI.hpp>

namespace interleave::cli {

// CLI11's help, with every line within kHelpWidth columns: descriptions are
// wrapped at spaces (CLI11 2.1 prints each on one line, however long).
class HelpFormatter : public CLI::Formatter {
 public:
  static constexpr std::size_t kHelpWidth = 100;
  static constexpr std::size_t kNameColumn = 32;

  HelpFormatter();

  std::string make_description(const CLI::App* app) const override;
  std::string make_option_desc(const CLI::Option* option) const override;
  std::string make_subcommand(const CLI::App* subcommand) const override;
};

}  // namespace interleave::cli
