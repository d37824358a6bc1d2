#include <exception>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/printable.hpp"
#include "interleave/cli.hpp"

namespace interleave {

namespace cli {

int run_program(int argc, const char* const* argv, const std::vector<Scenario>& catalog, const Program& program) {
  try {
    return run_cli(argc, argv, catalog, std::cout, std::cerr, program);
  } catch (const std::exception& error) {
    std::cerr << program.name << ": internal error: " << one_line(error.what()) << "\n";
    return kInternalError;
  }
}

}  // namespace cli

int run_main(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::string_view name) {
  return cli::run_program(argc, argv, catalog, cli::user_program(argc > 0 ? argv[0] : nullptr, name));
}

}  // namespace interleave
