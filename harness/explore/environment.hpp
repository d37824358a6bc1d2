#pragma once

#include "interleave/explore.hpp"

namespace interleave::exploration {

// `options` as INTERLEAVE_SEED, INTERLEAVE_SCHEDULES, INTERLEAVE_STRATEGY
// and INTERLEAVE_REPLAY (a replay token, which wins over the other three)
// change them. Throws std::invalid_argument naming the variable and what is
// wrong with its value.
ExploreOptions with_environment(ExploreOptions options);

// `options` set to run exactly the schedule `token` recorded.
ExploreOptions replaying(const std::string& token, ExploreOptions options);

}  // namespace interleave::exploration
