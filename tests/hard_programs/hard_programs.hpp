#pragma once

#include <functional>
#include <string>
#include <vector>

namespace interleave::hard_programs {

// Programs harder to search than the catalog's: bugs that need a narrow
// window, several preemptions, or two tasks among many. Written against the
// public API as an outside user would; each with its correct twin where
// one is natural. Shared by the tests and tests/benchmarks/strategy_benchmark.
struct HardProgram {
  std::string name;
  std::function<void()> broken;
  std::function<void()> correct;  // empty when there is no natural twin
  int min_preemptions;            // the fewest a failing schedule has (argued beside each program)
  int tasks;                      // including main
};

const std::vector<HardProgram>& all();
const HardProgram& named(const std::string& name);

}  // namespace interleave::hard_programs
