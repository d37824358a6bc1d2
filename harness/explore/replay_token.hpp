#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/scenario.hpp"

namespace interleave::exploration {

// Everything needed to run one failing schedule again, as one line that
// survives copy and paste: `il1:` then scenario/variant, engine, strategy,
// seed, verdict, parameters and the schedule, then a checksum.
struct ReplayToken {
  std::string scenario;
  std::string variant;
  EngineKind engine = EngineKind::fiber;
  std::string strategy;  // how the schedule was found (information only)
  std::uint64_t seed = 0;
  Verdict verdict = Verdict::clean;
  Params params;
  std::vector<int> schedule;  // the task chosen at each decision
};

std::string encode_token(const ReplayToken& token);

// Throws std::invalid_argument saying what is wrong with a malformed or
// corrupted token.
ReplayToken decode_token(const std::string& text);

}  // namespace interleave::exploration
