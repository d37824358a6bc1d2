#include "cli/cli.hpp"
#include "scenarios/catalog.hpp"

int main(int argc, char** argv) {
  interleave::cli::Program program = interleave::cli::interleave_program();
  program.self_binary = interleave::cli::own_executable();
  return interleave::cli::run_program(argc, argv, interleave::scenarios::catalog(), program);
}
