#include <exception>
#include <filesystem>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/printable.hpp"
#include "interleave/cli.hpp"

namespace interleave {

int run_main(int argc, const char* const* argv, const std::vector<Scenario>& catalog) {
  try {
    std::error_code error;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
    return cli::run_cli(argc, argv, catalog, std::cout, std::cerr, self);
  } catch (const std::exception& error) {
    std::cerr << "interleave: internal error: " << cli::one_line(error.what()) << "\n";
    return cli::kInternalError;
  }
}

}  // namespace interleave
