#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interleave/explore.hpp"

namespace interleave::engines::tsan {

// One variant to run on the threads engine inside the ThreadSanitizer build.
struct TsanRun {
  std::string variant;  // scenario/variant, as the catalog names it
  ExploreOptions options;
  std::vector<std::pair<std::string, std::int64_t>> overrides;  // --set KEY=VALUE
};

// The ThreadSanitizer build of `interleave`: `interleave-tsan` beside the
// running binary (an installed tree), else the tsan preset's build tree.
std::optional<std::string> find_tsan_binary();
// One line saying where the TSan build was looked for and how to build it.
std::string missing_tsan_binary_message();

// Runs the variant in the TSan build as a child process, with the harness's
// TSan options and suppressions, and turns what TSan reports into the
// result: its first report decides the verdict (race, lock_order_inversion,
// thread_leak, crash); without one, a deadlock or hang the threads engine
// saw stands, and anything else is clean as far as TSan can tell.
ExploreResult explore_under_tsan(const TsanRun& run, const std::string& binary);

}  // namespace interleave::engines::tsan
