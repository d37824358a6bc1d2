#include <exception>
#include <iostream>

#include "cli/cli.hpp"
#include "scenarios/catalog.hpp"

int main(int argc, char** argv) {
  try {
    return interleave::cli::run_cli(argc, argv, interleave::scenarios::catalog(), std::cout, std::cerr);
  } catch (const std::exception& error) {
    std::cerr << "interleave: internal error: " << error.what() << "\n";
    return interleave::cli::kInternalError;
  }
}
