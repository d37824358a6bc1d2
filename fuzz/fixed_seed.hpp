#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace interleave::fuzz {

// Every property runs from one fixed seed, so a red run is reproducible;
// rapidcheck prints the RC_PARAMS that reproduce a failure.
// INTERLEAVE_FUZZ_CASES=N sets the number of cases; RC_PARAMS, when set,
// overrides both.
inline void use_fixed_seed(int default_cases) {
  if (std::getenv("RC_PARAMS")) return;
  const char* cases = std::getenv("INTERLEAVE_FUZZ_CASES");
  const std::string params =
      "seed=20261201 max_success=" + std::string(cases && *cases ? cases : std::to_string(default_cases));
  setenv("RC_PARAMS", params.c_str(), 1);
}

// The whole main() of a property program with nothing else to set up.
inline int run_properties(int argc, char** argv, int default_cases) {
  ::testing::InitGoogleTest(&argc, argv);
  use_fixed_seed(default_cases);
  return RUN_ALL_TESTS();
}

}  // namespace interleave::fuzz
