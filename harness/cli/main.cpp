#include "interleave/cli.hpp"
#include "scenarios/catalog.hpp"

int main(int argc, char** argv) { return interleave::run_main(argc, argv, interleave::scenarios::catalog()); }
